import { type NodeKind, nodeKindNames, nodeKinds } from '@callflow/flow';
import { useState } from 'react';
import { HelpButton } from '../help/HelpButton.tsx';
import { useKindHelp } from '../help/useKindHelp.tsx';
import { nodeIcons } from './nodeIcons.ts';
import { PALETTE_DRAG_TYPE } from './paletteDrag.ts';
import './palette.css';

// Start is there from the first moment and there is only one.
const addableKinds = nodeKindNames.filter((kind) => kind !== 'start');

/**
 * Every node kind with its icon, name and one line of help: drag one onto the canvas, or click to
 * add; its “?” opens the kind's full help. Only shown to people who can edit.
 */
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  const [filter, setFilter] = useState('');
  const { showHelp, helpPanel } = useKindHelp();
  const needle = filter.trim().toLowerCase();
  const shown = addableKinds.filter(
    (kind) =>
      needle === '' ||
      nodeKinds[kind].title.toLowerCase().includes(needle) ||
      nodeKinds[kind].description.toLowerCase().includes(needle),
  );
  return (
    <aside className="palette" aria-label="Node palette">
      <div className="palette__head">
        <h2>Nodes</h2>
        <input
          className="input"
          type="search"
          placeholder="Find a node"
          aria-label="Find a node"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      <ul className="plain-list palette__list">
        {shown.map((kind) => {
          const Icon = nodeIcons[nodeKinds[kind].icon];
          return (
            <li key={kind} className="palette__row">
              <button
                type="button"
                className="palette__item"
                draggable
                data-testid={`palette-${kind}`}
                onDragStart={(event) => {
                  event.dataTransfer.setData(PALETTE_DRAG_TYPE, kind);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAdd(kind)}
                title={`Drag onto the canvas, or click to add: ${nodeKinds[kind].description}`}
              >
                <span className="palette__icon" data-kind={kind} aria-hidden="true">
                  <Icon size={16} />
                </span>
                <span className="palette__text">
                  <span className="palette__title">{nodeKinds[kind].title}</span>
                  <span className="palette__help">{nodeKinds[kind].description}</span>
                </span>
              </button>
              <HelpButton
                kind={kind}
                iconOnly
                testId={`palette-help-${kind}`}
                onClick={() => showHelp(kind)}
              />
            </li>
          );
        })}
        {shown.length === 0 && <li className="muted small palette__none">No node matches “{filter}”.</li>}
      </ul>
      {helpPanel}
    </aside>
  );
}
