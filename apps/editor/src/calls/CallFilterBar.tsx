import { callOutcomes } from '@callflow/api/contract';
import { callsApi } from '../api/callsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { FilterTextField } from './FilterTextField.tsx';
import { outcomeLabels } from './outcomeLabels.ts';
import type { CallFilterControls } from './useCallFilters.ts';

/** The call log's filters: everything GET /calls can filter by. */
export function CallFilterBar({ controls }: { controls: CallFilterControls }) {
  const { values, setValue, clear, active } = controls;
  // Without the flow names the flow filter still works on the id from the address.
  const flows = useApiData((signal) => callsApi.flowChoices(signal), []);
  const flowChoices = flows.data ?? [];
  const unknownFlow = values.flowId !== '' && !flowChoices.some((flow) => flow.id === values.flowId);

  return (
    <search className="filter-bar" aria-label="Filter calls">
      <FilterTextField
        label="Extension"
        value={values.extension}
        onCommit={(value) => setValue('extension', value)}
        placeholder="6001"
        inputMode="numeric"
      />
      <label className="filter-bar__field filter-bar__field--wide">
        <span className="filter-bar__label">Flow</span>
        <select
          className="select"
          value={values.flowId}
          onChange={(event) => setValue('flowId', event.target.value)}
        >
          <option value="">All flows</option>
          {unknownFlow && <option value={values.flowId}>{values.flowId}</option>}
          {flowChoices.map((flow) => (
            <option key={flow.id} value={flow.id}>
              {flow.name}
            </option>
          ))}
        </select>
      </label>
      <FilterTextField
        label="Caller number"
        value={values.callerNumber}
        onCommit={(value) => setValue('callerNumber', value)}
        placeholder="exact number"
      />
      <label className="filter-bar__field filter-bar__field--medium">
        <span className="filter-bar__label">Outcome</span>
        <select
          className="select"
          value={values.outcome}
          onChange={(event) => setValue('outcome', event.target.value)}
        >
          <option value="">Any outcome</option>
          {callOutcomes.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcomeLabels[outcome]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-bar__field">
        <span className="filter-bar__label">Status</span>
        <select
          className="select"
          value={values.status}
          onChange={(event) => setValue('status', event.target.value)}
        >
          <option value="">Any status</option>
          <option value="live">Live only</option>
          <option value="ended">Ended only</option>
        </select>
      </label>
      <FilterTextField
        label="Hangup cause"
        value={values.hangupCause}
        onCommit={(value) => setValue('hangupCause', value)}
        placeholder="e.g. 16"
      />
      <label className="filter-bar__field filter-bar__field--medium">
        <span className="filter-bar__label">From</span>
        <input
          className="input"
          type="date"
          value={values.fromDate}
          max={values.toDate || undefined}
          onChange={(event) => setValue('fromDate', event.target.value)}
        />
      </label>
      <label className="filter-bar__field filter-bar__field--medium">
        <span className="filter-bar__label">To</span>
        <input
          className="input"
          type="date"
          value={values.toDate}
          min={values.fromDate || undefined}
          onChange={(event) => setValue('toDate', event.target.value)}
        />
      </label>
      <button
        type="button"
        className="button button--ghost button--small filter-bar__clear"
        onClick={clear}
        disabled={!active}
      >
        Clear filters
      </button>
    </search>
  );
}
