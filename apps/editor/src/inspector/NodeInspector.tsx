import {
  type FlowProblem,
  flowNode,
  nodeDisplayName,
  nodeKinds,
  outcomeHelp,
  portDisplayName,
  portsOf,
  variablesSetBy,
} from '@callflow/flow';
import { useCallback, useId, useMemo } from 'react';
import type { DraftDocument, DraftNode } from '../canvas/DraftDocument.ts';
import { nodeIcons } from '../canvas/nodeIcons.ts';
import { HelpButton } from '../help/HelpButton.tsx';
import { useKindHelp } from '../help/useKindHelp.tsx';
import { availableVariables } from './availableVariables.ts';
import { FieldProblems } from './FieldProblems.tsx';
import { fieldsForOptions } from './fieldsForOptions.ts';
import { InspectorContext, type InspectorContextValue } from './InspectorContext.ts';
import { ObjectFields } from './ObjectFields.tsx';
import { placeProblems, problemText } from './placeProblems.ts';
import { useSoundCatalog } from './useSoundCatalog.ts';
import './inspector.css';
import './inspectorHeader.css';

export interface NodeInspectorProps {
  /** Its options may be half filled in: whatever the person has typed so far. */
  node: DraftNode;
  /** The node's index in `document.nodes`, which problem paths use. */
  nodeIndex: number;
  document: DraftDocument;
  /** All problems of the flow; the inspector shows this node's. */
  problems: readonly FlowProblem[];
  /** For viewers and published versions: every control disabled, no adding or removing. */
  readOnly: boolean;
  /** Called on every edit with the whole new node. */
  onChange: (next: DraftNode) => void;
}

/**
 * The panel beside the canvas for the selected node: its name, its options as a form generated from
 * the kind's options schema, its problems, outcomes and the variables it sets.
 */
export function NodeInspector({
  node,
  nodeIndex,
  document,
  problems,
  readOnly,
  onChange,
}: NodeInspectorProps) {
  const definition = nodeKinds[node.kind];
  const fields = fieldsForOptions(node.kind, node.options);
  const labelId = useId();
  const variables = useMemo(() => availableVariables(document, node.id), [document, node.id]);
  const placed = useMemo(
    () => placeProblems(problems, node, nodeIndex, fields),
    [problems, node, nodeIndex, fields],
  );
  const outcome = useMemo(() => outcomeOf(node), [node]);
  const { catalog, load } = useSoundCatalog();
  const problemsAt = useCallback((path: string) => placed.byPath.get(path) ?? [], [placed]);
  const flowLanguage = flowLanguageOf(document);
  const nodeLanguage = typeof node.options.language === 'string' ? node.options.language : flowLanguage;
  const context = useMemo<InspectorContextValue>(
    () => ({
      readOnly,
      variables,
      problemsAt,
      sounds: catalog,
      loadSounds: load,
      flowLanguage,
      nodeLanguage,
    }),
    [readOnly, variables, problemsAt, catalog, load, flowLanguage, nodeLanguage],
  );
  const labelProblems = problemsAt('label');
  const { showHelp, helpPanel } = useKindHelp();
  const Icon = nodeIcons[definition.icon];
  const label = node.label.trim();

  return (
    <InspectorContext.Provider value={context}>
      <section className="inspector" aria-label={`${definition.title} node`} data-node-id={node.id}>
        <header className="inspector__header">
          <div className="inspector__title-row">
            <span className="inspector__icon" data-kind={node.kind} aria-hidden="true">
              <Icon size={16} />
            </span>
            <h2 className="inspector__title">{definition.title}</h2>
            <HelpButton kind={node.kind} testId="inspector-help" onClick={() => showHelp(node.kind, node)} />
          </div>
          {label !== '' && (
            <p className="inspector__name truncate" title={label}>
              {label}
            </p>
          )}
          <p className="inspector__description">{definition.description}</p>
          <FieldProblems id={undefined} problems={problemsAt('id')} />
        </header>

        {placed.top.length > 0 && (
          <ul className="plain-list inspector__problems" aria-label="Problems">
            {placed.top.map((problem) => (
              <li key={`${problem.code}:${problem.path}:${problem.message}`} className="inspector__problem">
                <span
                  className={`badge ${problem.severity === 'error' ? 'badge--danger' : 'badge--warning'}`}
                >
                  {problem.severity}
                </span>
                <span>{problemText(problem)}</span>
              </li>
            ))}
          </ul>
        )}

        <div className="field inspector-field">
          <label htmlFor={labelId} className="field__label">
            Label
          </label>
          <input
            id={labelId}
            className="input"
            value={node.label}
            // Unlabelled, the canvas names the node by what it does: say so where the name is typed.
            placeholder={nodeDisplayName(node)}
            disabled={readOnly}
            aria-describedby={`${labelId}-help`}
            aria-invalid={labelProblems.some((problem) => problem.severity === 'error')}
            onChange={(event) => onChange({ ...node, label: event.target.value })}
          />
          <span id={`${labelId}-help`} className="field__help">
            The name shown on the canvas
          </span>
          <FieldProblems id={undefined} problems={labelProblems} />
        </div>

        {fields.length === 0 ? (
          <p className="inspector__note">This node has no options.</p>
        ) : (
          <div className="inspector__options">
            <ObjectFields
              fields={fields}
              value={node.options}
              path="options"
              onChange={(options) => onChange({ ...node, options })}
            />
          </div>
        )}

        <section className="inspector__section" aria-label="Outcomes">
          <h3 className="inspector__section-title">Outcomes</h3>
          {outcome === null ? (
            <p className="inspector__note">Shown once the options are valid.</p>
          ) : outcome.ports.length === 0 ? (
            <p className="inspector__note">None: the call ends here.</p>
          ) : (
            <ul className="plain-list inspector__chips">
              {outcome.ports.map((port) => (
                <li key={port} className="badge" title={outcomeHelp(node.kind, port)}>
                  {portDisplayName(node, port)}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="inspector__section" aria-label="Sets variables">
          <h3 className="inspector__section-title">Sets variables</h3>
          {outcome === null ? (
            <p className="inspector__note">Shown once the options are valid.</p>
          ) : outcome.variables.length === 0 ? (
            <p className="inspector__note">None</p>
          ) : (
            <ul className="plain-list inspector__chips">
              {outcome.variables.map((name) => (
                <li key={name}>
                  <code>{`{{${name}}}`}</code>
                </li>
              ))}
            </ul>
          )}
        </section>
      </section>
      {helpPanel}
    </InspectorContext.Provider>
  );
}

/** The language calls start in: the Start node's, `en` when it names none (its default). */
function flowLanguageOf(document: DraftDocument): string {
  const language = document.nodes.find((candidate) => candidate.kind === 'start')?.options.language;
  return typeof language === 'string' && language !== '' ? language : 'en';
}

/** Ports and variables come from the parsed options, so they are known only once those are valid. */
function outcomeOf(node: DraftNode): { ports: readonly string[]; variables: readonly string[] } | null {
  // Parsed as a whole node (not just options) so the kind and its options stay typed together; id and
  // label do not matter here, and a half-typed id must not hide the outcomes.
  const parsed = flowNode.safeParse({ id: 'inspected', kind: node.kind, options: node.options });
  if (!parsed.success) return null;
  return { ports: portsOf(parsed.data), variables: variablesSetBy(parsed.data) };
}
