import { runtimeEventLevels } from '@callflow/contract';
import { z } from 'zod';
import type { RuntimeEventFilters } from '../api/runtimeApi.ts';
import { type FilterControls, filterText, useQueryFilters } from '../logs/useQueryFilters.ts';

export type RuntimeEventFilterName = 'level' | 'type' | 'extension' | 'asteriskServer';

export type RuntimeEventFilterControls = FilterControls<RuntimeEventFilterName, RuntimeEventFilters>;

/** Each filter is kept under its own name in the query string. */
const parameterOf: Record<RuntimeEventFilterName, string> = {
  level: 'level',
  type: 'type',
  extension: 'extension',
  asteriskServer: 'asteriskServer',
};

const levelSchema = z.enum(runtimeEventLevels);

function toRuntimeEventFilters(
  values: Readonly<Record<RuntimeEventFilterName, string>>,
): RuntimeEventFilters {
  const level = levelSchema.safeParse(values.level);
  return {
    level: level.success ? level.data : undefined,
    type: filterText(values.type),
    extension: filterText(values.extension),
    asteriskServer: filterText(values.asteriskServer),
  };
}

/** The runtime tab's filters, kept in the address so a reload or a shared link keeps them. */
export function useRuntimeEventFilters(): RuntimeEventFilterControls {
  return useQueryFilters(parameterOf, toRuntimeEventFilters);
}
