import type { AsteriskEndpoint } from '@callflow/contract';
import { asteriskApi } from '../api/asteriskApi.ts';
import { AsteriskNamePicker } from './AsteriskNamePicker.tsx';
import { type AsteriskChoice, serversNote, useAsteriskChoices } from './useAsteriskChoices.ts';
import type { WidgetProps } from './WidgetProps.ts';

const stateWords: Record<AsteriskEndpoint['state'], string> = {
  online: 'online',
  offline: 'offline',
  unknown: 'state unknown',
};

/** "1001 · PJSIP · online": the phone first, as a PBX administrator names it. */
function endpointChoice(endpoint: AsteriskEndpoint): AsteriskChoice {
  return {
    value: endpoint.dialString,
    label: endpoint.resource,
    detail: `${endpoint.technology} · ${stateWords[endpoint.state]}`,
  };
}

async function loadEndpoints(signal: AbortSignal) {
  const list = await asteriskApi.endpoints(signal);
  // Online phones first: they are the ones a call can reach now.
  const online = (endpoint: AsteriskEndpoint) => (endpoint.state === 'online' ? 0 : 1);
  const endpoints = [...list.endpoints].sort((a, b) => online(a) - online(b));
  return {
    choices: endpoints.map(endpointChoice),
    note: serversNote(list.unansweredServers, list.truncated, 'phones'),
  };
}

/**
 * What a Dial node calls: a phone or trunk picked from the Asterisk servers' endpoints (written as
 * PJSIP/1001), or any text, e.g. PJSIP/{{vars.agent}}.
 */
export function EndpointPicker(props: WidgetProps & { readonly label: string }) {
  const choices = useAsteriskChoices(loadEndpoints, 'phones', 'PJSIP/1001', !props.disabled);
  return (
    <AsteriskNamePicker
      {...props}
      choices={choices}
      listLabel="Phones and endpoints"
      placeholder="Search phones, e.g. 1001"
    />
  );
}
