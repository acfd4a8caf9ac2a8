import { useId } from 'react';
import { FieldControl } from './FieldControl.tsx';
import { FieldProblems } from './FieldProblems.tsx';
import { useInspector } from './InspectorContext.ts';
import { newValue } from './newValue.ts';
import { ObjectFields } from './ObjectFields.tsx';
import type { FieldShape } from './optionFields.ts';
import { VariantFields } from './VariantFields.tsx';

type ListShape = Extract<FieldShape, { type: 'list' }>;

export interface ListFieldProps {
  readonly shape: ListShape;
  readonly value: unknown;
  readonly path: string;
  readonly onChange: (next: unknown[]) => void;
}

/** An array as rows that can be added (from the item's defaults), removed and moved. */
export function ListField({ shape, value, path, onChange }: ListFieldProps) {
  const { readOnly } = useInspector();
  const items: readonly unknown[] = Array.isArray(value) ? value : [];
  const full = shape.maxItems !== undefined && items.length >= shape.maxItems;
  const move = (from: number, to: number) => {
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    onChange(next);
  };
  return (
    <>
      {items.length === 0 && <p className="inspector-list__empty">None</p>}
      {items.length > 0 && (
        <ol className="plain-list inspector-list">
          {items.map((item, index) => (
            // Rows have no identity of their own: the position is the key, and every control is
            // controlled, so moving a row moves its values.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <li key={index} className="inspector-row">
              <ListRow
                shape={shape}
                item={item}
                index={index}
                count={items.length}
                path={`${path}.${index}`}
                readOnly={readOnly}
                onChange={(next) => onChange(items.map((old, position) => (position === index ? next : old)))}
                onMove={(to) => move(index, to)}
                onRemove={() => onChange(items.filter((_, position) => position !== index))}
              />
            </li>
          ))}
        </ol>
      )}
      {!readOnly && (
        <button
          type="button"
          className="button button--small inspector-list__add"
          disabled={full}
          title={full ? `At most ${shape.maxItems}` : undefined}
          onClick={() => onChange([...items, newValue(shape.item, items)])}
        >
          Add {lowerFirst(shape.itemTitle)}
        </button>
      )}
    </>
  );
}

interface ListRowProps {
  readonly shape: ListShape;
  readonly item: unknown;
  readonly index: number;
  readonly count: number;
  readonly path: string;
  readonly readOnly: boolean;
  readonly onChange: (next: unknown) => void;
  readonly onMove: (to: number) => void;
  readonly onRemove: () => void;
}

function ListRow({ shape, item, index, count, path, readOnly, onChange, onMove, onRemove }: ListRowProps) {
  const titleId = useId();
  const { problemsAt } = useInspector();
  const name = `${shape.itemTitle} ${index + 1}`;
  const actions = readOnly ? null : (
    <span className="inspector-row__actions">
      <button
        type="button"
        className="button button--small button--ghost"
        aria-label={`Move ${lowerFirst(name)} up`}
        disabled={index === 0}
        onClick={() => onMove(index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button button--small button--ghost"
        aria-label={`Move ${lowerFirst(name)} down`}
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="button button--small button--ghost button--danger"
        aria-label={`Remove ${lowerFirst(name)}`}
        onClick={onRemove}
      >
        ✕
      </button>
    </span>
  );

  const { item: itemShape } = shape;
  if (itemShape.type !== 'object' && itemShape.type !== 'variants') {
    // A row of one value (a date, a number) is that value's control, labelled by the row's name.
    return (
      <div className="inspector-row__single">
        <FieldControl
          field={{
            key: String(index),
            title: name,
            description: undefined,
            required: true,
            defaultValue: undefined,
            nullLabel: null,
            example: undefined,
            shape: itemShape,
          }}
          value={item}
          path={path}
          onChange={onChange}
        />
        {actions}
      </div>
    );
  }
  return (
    <fieldset className="inspector-row__group" aria-labelledby={titleId}>
      <div className="inspector-row__head">
        <span id={titleId} className="inspector-row__title">
          {name}
        </span>
        {actions}
      </div>
      <FieldProblems id={undefined} problems={problemsAt(path)} />
      {itemShape.type === 'object' ? (
        <ObjectFields fields={itemShape.fields} value={item} path={path} onChange={onChange} />
      ) : (
        <VariantFields shape={itemShape} value={item} path={path} onChange={onChange} />
      )}
    </fieldset>
  );
}

/** "Choice" → "choice" for "Add choice", but "URL" stays "URL". */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}
