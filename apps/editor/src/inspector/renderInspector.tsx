import type { StockSound } from '@callflow/contract';
import type { FlowProblem } from '@callflow/flow';
import { fireEvent, render } from '@testing-library/react';
import { useState } from 'react';
import { vi } from 'vitest';
import type { Sound } from '../api/soundsApi.ts';
import type { DraftDocument, DraftNode } from '../canvas/DraftDocument.ts';
import { NodeInspector } from './NodeInspector.tsx';

export interface RenderInspectorOptions {
  /** The flow around the node; by default a flow of this node alone. */
  readonly document?: DraftDocument;
  readonly nodeIndex?: number;
  readonly problems?: readonly FlowProblem[];
  readonly readOnly?: boolean;
  /** What GET /api/sounds answers: a list, or an HTTP status for a failure (503 by default). */
  readonly sounds?: readonly Sound[] | number;
  /**
   * What GET /api/sounds/stock answers (Asterisk's sounds folder as the API reads it): the sounds, or
   * an HTTP status (503 by default: the API has no sounds folder, so pickers use the list above).
   */
  readonly stockSounds?: readonly StockSound[] | number;
  /** Answers to other requests (the prompt library, voices…), by path; undefined: 404. */
  readonly routes?: (url: URL, init: RequestInit | undefined) => Response | undefined;
}

interface HarnessProps {
  readonly node: DraftNode;
  readonly options: RenderInspectorOptions;
  readonly onChange: (next: DraftNode) => void;
}

/** Holds the node like the editor does: every change becomes the next `node` prop. */
function Harness({ node, options, onChange }: HarnessProps) {
  const [current, setCurrent] = useState(node);
  const document = options.document ?? { schemaVersion: 1, nodes: [current], edges: [] };
  return (
    <NodeInspector
      node={current}
      nodeIndex={options.nodeIndex ?? 0}
      document={document}
      problems={options.problems ?? []}
      readOnly={options.readOnly ?? false}
      onChange={(next) => {
        onChange(next);
        setCurrent(next);
      }}
    />
  );
}

/**
 * Renders the inspector the way the editor does: every change becomes the next `node` prop. The
 * sound list request is answered by a fake `fetch` (restore it with `vi.unstubAllGlobals()`).
 */
export function renderInspector(node: DraftNode, options: RenderInspectorOptions = {}) {
  const changes: DraftNode[] = [];
  const sounds = options.sounds ?? 503;
  const stockSounds = options.stockSounds ?? 503;
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://editor.test');
    if (url.pathname === '/api/sounds/stock')
      return typeof stockSounds === 'number'
        ? Response.json({ error: 'sounds_unavailable', message: 'No sounds folder' }, { status: stockSounds })
        : Response.json(stockAnswer(stockSounds, url.searchParams));
    if (url.pathname === '/api/sounds')
      return typeof sounds === 'number'
        ? Response.json(
            { error: 'ari_unavailable', message: 'Asterisk is not configured' },
            { status: sounds },
          )
        : Response.json({ sounds });
    return (
      options.routes?.(url, init) ??
      Response.json({ error: 'not_found', message: 'not found' }, { status: 404 })
    );
  });
  vi.stubGlobal('fetch', fetch);

  const view = render(<Harness node={node} options={options} onChange={(next) => changes.push(next)} />);
  return {
    ...view,
    fetch,
    changes,
    /** The options of the last node passed to onChange. */
    lastOptions: () => changes.at(-1)?.options,
  };
}

/** The stock sounds that hold every word searched for, in the language asked, as the API answers them. */
function stockAnswer(sounds: readonly StockSound[], query: URLSearchParams) {
  const words = (query.get('search') ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  const language = query.get('language');
  const items = sounds.filter(
    (sound) =>
      (language === null || sound.language === language) &&
      words.every((word) => `${sound.name} ${sound.text ?? ''}`.toLowerCase().includes(word)),
  );
  const limit = Number(query.get('limit') ?? 100);
  return { items: items.slice(0, limit), total: items.length };
}

export function draftNode(kind: DraftNode['kind'], options: Record<string, unknown>, id = 'n1'): DraftNode {
  return { id, kind, label: '', position: { x: 0, y: 0 }, options };
}

/** Picks an option of a select by the text a person reads, not by its value. */
export function chooseOption(select: HTMLElement, text: string): void {
  if (!(select instanceof HTMLSelectElement)) throw new Error('not a select');
  const option = [...select.options].find((candidate) => candidate.textContent === text);
  if (option === undefined)
    throw new Error(`no option "${text}" in ${[...select.options].map((o) => o.textContent).join(', ')}`);
  fireEvent.change(select, { target: { value: option.value } });
}
