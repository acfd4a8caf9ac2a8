import { callOutcomes } from '@callflow/contract';
import { callsApi } from '../api/callsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { FilterBar } from '../logs/FilterBar.tsx';
import { FilterField } from '../logs/FilterField.tsx';
import { type FilterChoice, FilterSelect } from '../logs/FilterSelect.tsx';
import { FilterTextField } from '../logs/FilterTextField.tsx';
import { outcomeLabels } from './outcomeLabels.ts';
import type { CallFilterControls } from './useCallFilters.ts';

const outcomeChoices: readonly FilterChoice[] = callOutcomes.map((outcome) => ({
  value: outcome,
  label: outcomeLabels[outcome],
}));

const statusChoices: readonly FilterChoice[] = [
  { value: 'live', label: 'Live only' },
  { value: 'ended', label: 'Ended only' },
];

/** The call log's filters: everything GET /calls can filter by. */
export function CallFilterBar({ controls }: { controls: CallFilterControls }) {
  const { values, setValue, clear, active } = controls;
  // Without the flow names the flow filter still works on the id from the address.
  const flows = useApiData((signal) => callsApi.flowChoices(signal), []);
  const flowChoices: FilterChoice[] = (flows.data ?? []).map((flow) => ({
    value: flow.id,
    label: flow.name,
  }));
  if (values.flowId !== '' && !flowChoices.some((choice) => choice.value === values.flowId))
    flowChoices.unshift({ value: values.flowId, label: values.flowId });

  return (
    <FilterBar label="Filter calls" active={active} onClear={clear}>
      <FilterTextField
        label="Extension"
        value={values.extension}
        onCommit={(value) => setValue('extension', value)}
        placeholder="6001"
        inputMode="numeric"
      />
      <FilterSelect
        label="Flow"
        width="wide"
        value={values.flowId}
        onChange={(value) => setValue('flowId', value)}
        anyLabel="All flows"
        choices={flowChoices}
      />
      <FilterTextField
        label="Caller number"
        value={values.callerNumber}
        onCommit={(value) => setValue('callerNumber', value)}
        placeholder="exact number"
      />
      <FilterSelect
        label="Outcome"
        width="medium"
        value={values.outcome}
        onChange={(value) => setValue('outcome', value)}
        anyLabel="Any outcome"
        choices={outcomeChoices}
      />
      <FilterSelect
        label="Status"
        value={values.status}
        onChange={(value) => setValue('status', value)}
        anyLabel="Any status"
        choices={statusChoices}
      />
      <FilterTextField
        label="Hangup cause"
        value={values.hangupCause}
        onCommit={(value) => setValue('hangupCause', value)}
        placeholder="e.g. 16"
      />
      <FilterField label="From" width="medium">
        {(id) => (
          <input
            id={id}
            className="input"
            type="date"
            value={values.fromDate}
            max={values.toDate || undefined}
            onChange={(event) => setValue('fromDate', event.target.value)}
          />
        )}
      </FilterField>
      <FilterField label="To" width="medium">
        {(id) => (
          <input
            id={id}
            className="input"
            type="date"
            value={values.toDate}
            min={values.fromDate || undefined}
            onChange={(event) => setValue('toDate', event.target.value)}
          />
        )}
      </FilterField>
    </FilterBar>
  );
}
