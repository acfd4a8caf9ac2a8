import { type RuntimeEvent, runtimeEventLevels } from '@callflow/contract';
import { useId, useRef } from 'react';
import { FilterBar } from '../logs/FilterBar.tsx';
import { type FilterChoice, FilterSelect } from '../logs/FilterSelect.tsx';
import { FilterTextField } from '../logs/FilterTextField.tsx';
import type { RuntimeEventFilterControls } from './useRuntimeEventFilters.ts';

const levelChoices: readonly FilterChoice[] = runtimeEventLevels.map((level) => ({
  value: level,
  label: level,
}));

const asChoices = (names: Iterable<string>): FilterChoice[] =>
  [...names].sort().map((name) => ({ value: name, label: name }));

export interface RuntimeEventFilterBarProps {
  readonly controls: RuntimeEventFilterControls;
  /** The events shown: their types are offered as suggestions, since the API has no list of them. */
  readonly events: readonly RuntimeEvent[];
  /** The Asterisk servers the runtime reports on. */
  readonly servers: readonly string[];
}

/** The runtime event log's filters: everything GET /runtime/events can filter by. */
export function RuntimeEventFilterBar({ controls, events, servers }: RuntimeEventFilterBarProps) {
  const { values, setValue, clear, active } = controls;
  const typesId = useId();
  // Types seen so far stay suggested after filtering has hidden their events.
  const seenTypes = useRef(new Set<string>());
  for (const event of events) seenTypes.current.add(event.type);
  const serverNames = new Set(servers);
  if (values.asteriskServer !== '') serverNames.add(values.asteriskServer);

  return (
    <FilterBar label="Filter runtime events" active={active} onClear={clear}>
      <FilterSelect
        label="Level"
        value={values.level}
        onChange={(value) => setValue('level', value)}
        anyLabel="All levels"
        choices={levelChoices}
      />
      <FilterTextField
        label="Type"
        width="wide"
        value={values.type}
        onCommit={(value) => setValue('type', value)}
        list={typesId}
        placeholder="Any type"
      />
      <datalist id={typesId}>
        {[...seenTypes.current].sort().map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <FilterTextField
        label="Extension"
        value={values.extension}
        onCommit={(value) => setValue('extension', value)}
        placeholder="6001"
        inputMode="numeric"
      />
      <FilterSelect
        label="Asterisk server"
        width="wide"
        value={values.asteriskServer}
        onChange={(value) => setValue('asteriskServer', value)}
        anyLabel="All servers"
        choices={asChoices(serverNames)}
      />
    </FilterBar>
  );
}
