import type { RuntimeEvent } from '@callflow/contract';

/**
 * A warning or error of the runtime's event log in a PBX administrator's words. `flowNames` maps
 * flow ids to names (from the publications); an event this editor does not know keeps its message.
 */
export function problemWords(event: RuntimeEvent, flowNames: ReadonlyMap<string, string>): string {
  const extension = event.extension === null ? 'An extension' : `Extension ${event.extension}`;
  switch (event.type) {
    case 'app_disconnected':
      return `${extension} lost its connection to the phone system; Callflow reconnects by itself.`;
    case 'version_invalid': {
      const found = /version (\d+) of flow (\S+) is invalid/.exec(event.message);
      const flow = found?.[2] === undefined ? undefined : flowNames.get(found[2]);
      const which =
        found === null
          ? 'A published version'
          : `Version ${found[1]} of ${flow === undefined ? 'a flow' : `“${flow}”`}`;
      return `${which} has errors and is not answered: open it, fix what the problems list shows, and publish again.`;
    }
    case 'database_unavailable':
      return 'The runtime could not read the database; calls go on with the flows it had already loaded.';
    case 'runtime_stopped':
      return 'Callflow’s runtime stopped.';
    default:
      return event.message;
  }
}
