import { useId } from 'react';
import { FieldProblems } from './FieldProblems.tsx';
import { useInspector } from './InspectorContext.ts';
import { isRecord, newFieldValue } from './newValue.ts';
import { ObjectFields } from './ObjectFields.tsx';
import type { FieldShape, Variant } from './optionFields.ts';

type VariantsShape = Extract<FieldShape, { type: 'variants' }>;

export interface VariantFieldsProps {
  readonly shape: VariantsShape;
  readonly value: unknown;
  readonly path: string;
  readonly onChange: (next: Record<string, unknown>) => void;
}

/** A discriminated union (e.g. a prompt): a select of the variant, then that variant's fields. */
export function VariantFields({ shape, value, path, onChange }: VariantFieldsProps) {
  const id = useId();
  const { readOnly, problemsAt } = useInspector();
  const record = isRecord(value) ? value : {};
  const current = shape.variants.find((variant) => variant.value === record[shape.discriminator]);
  const problems = problemsAt(`${path}.${shape.discriminator}`);
  return (
    <>
      <div className="field inspector-field">
        <label htmlFor={id} className="field__label">
          Type
        </label>
        <select
          id={id}
          className="select"
          value={current?.value ?? ''}
          disabled={readOnly}
          aria-invalid={problems.some((problem) => problem.severity === 'error')}
          onChange={(event) => {
            const target = shape.variants.find((variant) => variant.value === event.target.value);
            if (target !== undefined) onChange(switchVariant(shape.discriminator, record, current, target));
          }}
        >
          {current === undefined && (
            <option value="" disabled>
              Choose…
            </option>
          )}
          {shape.variants.map((variant) => (
            <option key={variant.value} value={variant.value}>
              {variant.title}
            </option>
          ))}
        </select>
        {current?.description !== undefined && <span className="field__help">{current.description}</span>}
        <FieldProblems id={undefined} problems={problems} />
      </div>
      {current !== undefined && (
        <ObjectFields fields={current.fields} value={record} path={path} onChange={onChange} />
      )}
    </>
  );
}

/**
 * The value after switching variants: a field both variants have, with the same kind of control,
 * keeps what was typed (digits → number keeps "1234"); the rest start from the new variant's defaults.
 * Fields the new variant does not have are dropped: the schemas are strict.
 */
function switchVariant(
  discriminator: string,
  record: Record<string, unknown>,
  from: Variant | undefined,
  to: Variant,
): Record<string, unknown> {
  const next: Record<string, unknown> = { [discriminator]: to.value };
  for (const field of to.fields) {
    const previous = from?.fields.find((candidate) => candidate.key === field.key);
    const sameControl =
      previous !== undefined &&
      JSON.stringify(previous.shape) === JSON.stringify(field.shape) &&
      record[field.key] !== undefined;
    const start = sameControl ? record[field.key] : newFieldValue(field);
    if (start !== undefined) next[field.key] = start;
  }
  return next;
}
