import { asteriskApi } from '../api/asteriskApi.ts';
import { AsteriskNamePicker } from './AsteriskNamePicker.tsx';
import { serversNote, useAsteriskChoices } from './useAsteriskChoices.ts';
import type { WidgetProps } from './WidgetProps.ts';

async function loadDeviceStates(signal: AbortSignal) {
  const list = await asteriskApi.deviceStates(signal);
  return {
    choices: list.deviceStates.map((device) => ({
      value: device.name,
      label: device.name,
      detail: device.state.replaceAll('_', ' ').toLowerCase(),
    })),
    note: serversNote(list.unansweredServers, list.truncated, 'devices'),
  };
}

/** A Set device state node's device: one Asterisk already has (Stasis:night-mode), or a new name. */
export function DeviceNamePicker(props: WidgetProps) {
  const choices = useAsteriskChoices(loadDeviceStates, 'devices', 'Stasis:night-mode', !props.disabled);
  return (
    <AsteriskNamePicker {...props} choices={choices} listLabel="Devices" placeholder="Stasis:night-mode" />
  );
}
