import type { Choice } from './optionFields.ts';

export interface EnumSetFieldProps {
  readonly choices: readonly Choice[];
  readonly value: unknown;
  readonly disabled: boolean;
  readonly onChange: (next: string[]) => void;
}

/** An array of enum values (e.g. weekdays) as one checkbox per value, kept in the enum's order. */
export function EnumSetField({ choices, value, disabled, onChange }: EnumSetFieldProps) {
  const selected = new Set(Array.isArray(value) ? value : []);
  return (
    <div className="inspector-checks">
      {choices.map((choice) => (
        <label key={choice.value} className="inspector-checks__item">
          <input
            type="checkbox"
            checked={selected.has(choice.value)}
            disabled={disabled}
            onChange={(event) =>
              onChange(
                choices
                  .filter((other) =>
                    other.value === choice.value ? event.target.checked : selected.has(other.value),
                  )
                  .map((other) => other.value),
              )
            }
          />
          {choice.label}
        </label>
      ))}
    </div>
  );
}
