import { AriError } from '@callflow/ari';
import type {
  AsteriskDeviceStateList,
  AsteriskEndpointList,
  AsteriskEndpointState,
} from '@callflow/contract';
import { endpointPattern } from '@callflow/flow';
import { z } from 'zod';
import type { AriServer, AriServers } from '../../ari/AriServers.ts';
import { ApiError } from '../../http/ApiError.ts';
import type { ApiServices } from '../../http/ApiServices.ts';
import { ariApiError } from '../../http/ariApiError.ts';
import { requireAri } from '../../http/requireAri.ts';
import { EveryServerList, type ServerListAnswer } from './EveryServerList.ts';

/** The most items one answer lists, and the most of one server's answer that is read. */
export const maxListedFromAsterisk = 2000;
const maxReadPerServer = 5000;

/*
 * What Asterisk answers is parsed item by item: an item that is not what a flow could name (a resource
 * with spaces, braces that would read as a {{template}}, a slash, an overlong name) is left out rather
 * than offered to be written into a Dial node.
 */
const ariEndpoint = z
  .object({
    technology: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/),
    resource: z.string().regex(/^[A-Za-z0-9_.@+-]{1,80}$/),
    state: z.string().max(40).optional(),
  })
  // Only what Dial itself accepts (its Endpoint rule): the picker never offers a value Dial marks invalid.
  .refine(({ technology, resource }) => endpointPattern.test(`${technology}/${resource}`));
type AriEndpoint = z.output<typeof ariEndpoint>;

const ariDeviceState = z.object({
  // Only the devices a flow may set (Set device state): Stasis:<name>, as its option allows.
  name: z.string().regex(/^Stasis:[^\s:/{}]{1,113}$/),
  state: z.string().regex(/^[A-Z_]{1,20}$/),
});
type AriDeviceState = z.output<typeof ariDeviceState>;

/** An ARI list, of which the first `maxReadPerServer` items that parse are kept. */
const ariListOf = <Item>(item: z.ZodType<Item>) =>
  z.array(z.unknown()).transform((items) =>
    items.slice(0, maxReadPerServer).flatMap((raw) => {
      const parsed = item.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    }),
  );

const stateOf = (state: string | undefined): AsteriskEndpointState =>
  state === 'online' || state === 'offline' ? state : 'unknown';
const stateRank: Record<AsteriskEndpointState, number> = { online: 2, offline: 1, unknown: 0 };
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Each endpoint once (by dial string), online when any server has it online, sorted by dial string. */
function mergeEndpoints(answers: readonly { server: string; items: readonly AriEndpoint[] }[]) {
  const byDialString = new Map<string, AsteriskEndpointList['endpoints'][number]>();
  for (const { server, items } of answers)
    for (const { technology, resource, state } of items) {
      const dialString = `${technology}/${resource}`;
      const known = byDialString.get(dialString);
      const seen = stateOf(state);
      if (known === undefined)
        byDialString.set(dialString, { technology, resource, dialString, state: seen, servers: [server] });
      else {
        if (!known.servers.includes(server)) known.servers.push(server);
        if (stateRank[seen] > stateRank[known.state]) known.state = seen;
      }
    }
  return [...byDialString.values()].sort((a, b) => byText(a.dialString, b.dialString));
}

/** Each device once, with its state on the first server (in configuration order) that has it. */
function mergeDeviceStates(answers: readonly { server: string; items: readonly AriDeviceState[] }[]) {
  const byName = new Map<string, AsteriskDeviceStateList['deviceStates'][number]>();
  for (const { server, items } of answers)
    for (const { name, state } of items) {
      const known = byName.get(name);
      if (known === undefined) byName.set(name, { name, state, servers: [server] });
      else if (!known.servers.includes(server)) known.servers.push(server);
    }
  return [...byName.values()].sort((a, b) => byText(a.name, b.name));
}

interface Lists {
  readonly endpoints: EveryServerList<AriEndpoint, AsteriskEndpointList['endpoints'][number]>;
  readonly deviceStates: EveryServerList<AriDeviceState, AsteriskDeviceStateList['deviceStates'][number]>;
}

// One pair of lists per set of servers, i.e. per running API (the tests run several in one process).
const listsByServers = new WeakMap<AriServers, Lists>();

function listsOf(services: ApiServices): Lists {
  const known = listsByServers.get(services.ari);
  if (known !== undefined) return known;
  const servers = requireAri(services, 'the phones and device states are read');
  const onFailed = (what: string) => (server: AriServer, error: unknown) =>
    services.log('warn', `cannot read ${what} from an Asterisk server`, {
      server: server.name,
      ...(error instanceof AriError ? { kind: error.kind } : {}),
      reason: error instanceof Error ? error.message : String(error),
    });
  const lists: Lists = {
    endpoints: new EveryServerList(servers, {
      read: (server) => server.client.request('GET', '/endpoints', {}, ariListOf(ariEndpoint)),
      merge: mergeEndpoints,
      maxItems: maxListedFromAsterisk,
      onFailed: onFailed('the endpoints'),
    }),
    deviceStates: new EveryServerList(servers, {
      read: (server) => server.client.request('GET', '/deviceStates', {}, ariListOf(ariDeviceState)),
      merge: mergeDeviceStates,
      maxItems: maxListedFromAsterisk,
      onFailed: onFailed('the device states'),
    }),
  };
  listsByServers.set(services.ari, lists);
  return lists;
}

/**
 * The list, or the last server's failure as an API error in plain words (ARI's address only in the
 * log, where onFailed already wrote each server's failure). An Asterisk without the ARI resource
 * (e.g. res_ari_device_states not loaded) answers 404: for these lists that is a 502 saying so.
 */
async function answerOf<Item>(
  list: { list(): Promise<ServerListAnswer<Item>> },
  what: string,
  notOffered: string,
) {
  const answer = await list.list().catch((error: unknown) => {
    if (!(error instanceof AriError)) throw error;
    if (error.kind === 'not_found') throw new ApiError(502, 'ari_not_offered', notOffered);
    throw ariApiError(error, what);
  });
  return {
    items: [...answer.items],
    unansweredServers: [...answer.unansweredServers],
    truncated: answer.truncated,
  };
}

/** Every endpoint of every configured Asterisk server, for the Dial node's picker. */
export async function listAsteriskEndpoints(services: ApiServices): Promise<AsteriskEndpointList> {
  const { items, ...rest } = await answerOf(
    listsOf(services).endpoints,
    'the endpoint list',
    'This Asterisk does not offer its list of phones (endpoints) through ARI',
  );
  return { endpoints: items, ...rest };
}

/** Every custom (Stasis:) device state of every configured Asterisk server, for Set device state's picker. */
export async function listAsteriskDeviceStates(services: ApiServices): Promise<AsteriskDeviceStateList> {
  const { items, ...rest } = await answerOf(
    listsOf(services).deviceStates,
    'the device state list',
    'This Asterisk does not offer device states (its module res_ari_device_states is not loaded)',
  );
  return { deviceStates: items, ...rest };
}
