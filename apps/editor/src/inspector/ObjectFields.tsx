import { EnclosingRecord } from './EnclosingRecord.ts';
import { FieldControl } from './FieldControl.tsx';
import { isRecord } from './newValue.ts';
import type { OptionField } from './optionFields.ts';

export interface ObjectFieldsProps {
  readonly fields: readonly OptionField[];
  /** Whatever the draft holds; anything but an object is shown as an empty one. */
  readonly value: unknown;
  readonly path: string;
  readonly onChange: (next: Record<string, unknown>) => void;
}

/**
 * The fields of an object, each replacing its own key in a copy of the object when edited. The object
 * is given to its fields' controls too, for those that depend on a sibling (a voice on the language).
 */
export function ObjectFields({ fields, value, path, onChange }: ObjectFieldsProps) {
  const record = isRecord(value) ? value : {};
  return (
    <EnclosingRecord.Provider value={record}>
      {fields.map((field) => (
        <FieldControl
          key={field.key}
          field={field}
          value={record[field.key]}
          path={`${path}.${field.key}`}
          onChange={(next) => {
            const { [field.key]: _previous, ...rest } = record;
            onChange(next === undefined ? rest : { ...rest, [field.key]: next });
          }}
        />
      ))}
    </EnclosingRecord.Provider>
  );
}
