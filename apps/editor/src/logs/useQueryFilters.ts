import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'wouter';

export interface FilterControls<Name extends string, Filters extends object> {
  /** What the filter bar shows, as typed. */
  readonly values: Readonly<Record<Name, string>>;
  /** What the API is asked for: only the values that are valid. */
  readonly filters: Filters;
  /** Some filter applies, so there is something to clear. */
  readonly active: boolean;
  readonly setValue: (name: Name, value: string) => void;
  readonly clear: () => void;
}

/** The text without the spaces around it; undefined (no filter) when nothing but spaces was typed. */
export function filterText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function readValues<Name extends string>(
  parameterOf: Readonly<Record<Name, string>>,
  params: URLSearchParams,
): Record<Name, string> {
  const values: Record<Name, string> = { ...parameterOf };
  for (const name in values) values[name] = params.get(parameterOf[name]) ?? '';
  return values;
}

/**
 * A log's filters, kept in the address's query string (each under its parameter in `parameterOf`)
 * so that a reload, the back button or a shared link keeps them. `toFilters` turns what is typed
 * into what the API takes and must not change between renders (a module-level function).
 */
export function useQueryFilters<Name extends string, Filters extends object>(
  parameterOf: Readonly<Record<Name, string>>,
  toFilters: (values: Readonly<Record<Name, string>>) => Filters,
): FilterControls<Name, Filters> {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const values = useMemo(() => readValues(parameterOf, new URLSearchParams(search)), [parameterOf, search]);
  const filters = useMemo(() => toFilters(values), [toFilters, values]);

  const setValue = useCallback(
    (name: Name, value: string) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value.trim() === '') next.delete(parameterOf[name]);
          else next.set(parameterOf[name], value);
          return next;
        },
        { replace: true },
      ),
    [parameterOf, setParams],
  );
  const clear = useCallback(
    () =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const name in parameterOf) next.delete(parameterOf[name]);
          return next;
        },
        { replace: true },
      ),
    [parameterOf, setParams],
  );
  const active = Object.values(filters).some((value) => value !== undefined);
  return { values, filters, active, setValue, clear };
}
