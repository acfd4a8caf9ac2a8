import { describe, expect, it } from 'vitest';
import { autoLayout } from './autoLayout.ts';
import type { DraftDocument, DraftNode } from './DraftDocument.ts';
import { draftNodePorts } from './draftNodePorts.ts';
import { estimatedPortY, IN_HANDLE_Y, nodeSize } from './nodeSize.ts';

const sound = (name: string) => ({ prompts: [{ type: 'sound', name }] });

function node(id: string, kind: DraftNode['kind'], options: Record<string, unknown> = {}): DraftNode {
  return { id, kind, label: '', position: { x: 0, y: 0 }, options };
}

/**
 * A company menu with three named choices; no key pressed says goodbye, a wrong key says sorry;
 * everything ends at one hang-up.
 */
const companyMenu: DraftDocument = {
  schemaVersion: 1,
  nodes: [
    node('start', 'start'),
    node('answer', 'answer'),
    node('menu', 'menu', {
      prompts: [{ type: 'say', text: 'Press 1 for sales, 2 for support, 3 for billing.' }],
      choices: [
        { digit: '1', label: 'Sales' },
        { digit: '2', label: 'Support' },
        { digit: '3', label: 'Billing' },
      ],
    }),
    node('billing', 'play', sound('billing')),
    node('support', 'play', sound('support')),
    node('sales', 'play', sound('sales')),
    node('goodbye', 'play', sound('goodbye')),
    node('sorry', 'play', sound('sorry')),
    node('hangup', 'hangup'),
  ],
  edges: [
    ['start', 'next', 'answer'],
    ['answer', 'next', 'menu'],
    ['menu', '1', 'sales'],
    ['menu', '2', 'support'],
    ['menu', '3', 'billing'],
    ['menu', 'timeout', 'goodbye'],
    ['menu', 'invalid', 'sorry'],
    ['sales', 'next', 'hangup'],
    ['billing', 'next', 'hangup'],
    ['goodbye', 'next', 'hangup'],
    ['sorry', 'next', 'hangup'],
  ].map(([source = '', port = '', target = ''], index) => ({ id: `e${index}`, source, port, target })),
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's default (bezier) connection from a right-hand handle to a left-hand one, sampled. */
function bezierPoints(from: { x: number; y: number }, to: { x: number; y: number }) {
  const distance = to.x - from.x;
  const offset = distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
  const c1 = { x: from.x + offset, y: from.y };
  const c2 = { x: to.x - offset, y: to.y };
  return Array.from({ length: 101 }, (_, step) => {
    const t = step / 100;
    const u = 1 - t;
    return {
      x: u ** 3 * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t ** 3 * to.x,
      y: u ** 3 * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t ** 3 * to.y,
    };
  });
}

type Point = { x: number; y: number };

/** Whether segments ab and cd cross (strictly: touching ends do not count). */
function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const side = (p: Point, q: Point, r: Point) =>
    Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

function linesCross(first: readonly Point[], second: readonly Point[]): boolean {
  for (let i = 1; i < first.length; i++)
    for (let j = 1; j < second.length; j++)
      if (segmentsCross(first[i - 1] as Point, first[i] as Point, second[j - 1] as Point, second[j] as Point))
        return true;
  return false;
}

/** The boxes of every card after Arrange, and each connection as React Flow draws it. */
async function arranged(document: DraftDocument) {
  const positions = await autoLayout(document);
  const boxes = new Map<string, Box>();
  for (const item of document.nodes) {
    const position = positions.get(item.id);
    if (position === undefined) throw new Error(`no position for ${item.id}`);
    boxes.set(item.id, { ...position, ...nodeSize(draftNodePorts(item, document).length) });
  }
  const box = (id: string) => boxes.get(id) ?? { x: Number.NaN, y: Number.NaN, width: 0, height: 0 };
  const lines = document.edges.map((edge) => {
    const source = box(edge.source);
    const target = box(edge.target);
    const sourceNode = document.nodes.find((item) => item.id === edge.source);
    const portIndex = sourceNode === undefined ? -1 : draftNodePorts(sourceNode, document).indexOf(edge.port);
    const points = bezierPoints(
      { x: source.x + source.width, y: source.y + estimatedPortY(portIndex) },
      { x: target.x, y: target.y + IN_HANDLE_Y },
    );
    return { edge, points };
  });
  return { boxes, box, lines };
}

describe('autoLayout', () => {
  it('keeps a menu’s choices in order: the lines of 1, 2, 3 and "no key" never cross', async () => {
    const { box, lines } = await arranged(companyMenu);
    expect(box('start').x).toBeLessThan(box('answer').x);
    expect(box('answer').x).toBeLessThan(box('menu').x);
    expect(box('menu').x).toBeLessThan(box('sales').x);
    const centre = (id: string) => box(id).y + box(id).height / 2;
    expect(centre('sales')).toBeLessThan(centre('support'));
    for (const [index, one] of lines.entries())
      for (const other of lines.slice(index + 1)) {
        if (one.edge.source !== other.edge.source || one.edge.target === other.edge.target) continue;
        const names = `${one.edge.source}.${one.edge.port} and ${other.edge.source}.${other.edge.port}`;
        expect(linesCross(one.points, other.points), `${names} cross`).toBe(false);
      }
  });

  it('draws no connection under a card and no two cards on top of each other', async () => {
    const { boxes, lines } = await arranged(companyMenu);
    for (const { edge, points } of lines)
      for (const [id, other] of boxes) {
        if (id === edge.source || id === edge.target) continue;
        const inside = points.find(
          (point) =>
            point.x > other.x + 2 &&
            point.x < other.x + other.width - 2 &&
            point.y > other.y + 2 &&
            point.y < other.y + other.height - 2,
        );
        expect(inside, `${edge.source}.${edge.port} → ${edge.target} runs under ${id}`).toBeUndefined();
      }
    const list = [...boxes.values()];
    for (const [index, a] of list.entries())
      for (const b of list.slice(index + 1))
        expect(
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y,
        ).toBe(true);
  });

  it('lays out the same flow the same way twice', async () => {
    expect(await autoLayout(companyMenu)).toEqual(await autoLayout(companyMenu));
  });
});
