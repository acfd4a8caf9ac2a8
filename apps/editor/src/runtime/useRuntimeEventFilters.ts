import { runtimeEventLevels } from '@callflow/api/contract';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'wouter';
import { z } from 'zod';
import type { RuntimeEventFilters } from '../api/runtimeApi.ts';

export type RuntimeEventFilterName = 'level' | 'type' | 'extension' | 'asteriskServer';

export interface RuntimeEventFilterControls {
  /** What the filter bar shows, from the address's query string. */
  readonly values: Readonly<Record<RuntimeEventFilterName, string>>;
  readonly filters: RuntimeEventFilters;
  readonly active: boolean;
  readonly setValue: (name: RuntimeEventFilterName, value: string) => void;
  readonly clear: () => void;
}

const names: readonly RuntimeEventFilterName[] = ['level', 'type', 'extension', 'asteriskServer'];
const levelSchema = z.enum(runtimeEventLevels);
const text = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/** The runtime tab's filters, kept in the address so a reload or a shared link keeps them. */
export function useRuntimeEventFilters(): RuntimeEventFilterControls {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const values = useMemo(() => {
    const read = new URLSearchParams(search);
    return {
      level: read.get('level') ?? '',
      type: read.get('type') ?? '',
      extension: read.get('extension') ?? '',
      asteriskServer: read.get('asteriskServer') ?? '',
    };
  }, [search]);
  const filters = useMemo((): RuntimeEventFilters => {
    const level = levelSchema.safeParse(values.level);
    return {
      level: level.success ? level.data : undefined,
      type: text(values.type),
      extension: text(values.extension),
      asteriskServer: text(values.asteriskServer),
    };
  }, [values]);
  const setValue = useCallback(
    (name: RuntimeEventFilterName, value: string) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value.trim() === '') next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const clear = useCallback(
    () =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const name of names) next.delete(name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const active = Object.values(filters).some((value) => value !== undefined);
  return { values, filters, active, setValue, clear };
}
