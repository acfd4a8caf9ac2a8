import { FilterField, type FilterFieldWidth } from './FilterField.tsx';

export interface FilterChoice {
  readonly value: string;
  readonly label: string;
}

export interface FilterSelectProps {
  readonly label: string;
  readonly width?: FilterFieldWidth | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The first choice, `''`: no filtering, e.g. "All flows". */
  readonly anyLabel: string;
  readonly choices: readonly FilterChoice[];
}

/** A filter with a fixed set of values, applied as soon as one is picked. */
export function FilterSelect({ label, width, value, onChange, anyLabel, choices }: FilterSelectProps) {
  return (
    <FilterField label={label} width={width}>
      {(id) => (
        <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{anyLabel}</option>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </FilterField>
  );
}
