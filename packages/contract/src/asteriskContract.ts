import { z } from 'zod';

/** What Asterisk says of an endpoint: `online` (a phone registered, or reachable), `offline` or `unknown`. */
export const asteriskEndpointStateSchema = z.enum(['online', 'offline', 'unknown']);
export type AsteriskEndpointState = z.output<typeof asteriskEndpointStateSchema>;

/** A phone, trunk or other endpoint Asterisk knows, as the Dial node's picker offers it. */
export const asteriskEndpointSchema = z.object({
  /** The channel technology, e.g. `PJSIP`. */
  technology: z.string(),
  /** The endpoint's name in that technology, e.g. `1001`. */
  resource: z.string(),
  /** What a Dial node's Endpoint field holds to call it, e.g. `PJSIP/1001`. */
  dialString: z.string(),
  /** Online when any server has it online. */
  state: asteriskEndpointStateSchema,
  /** The configured Asterisk servers that have it (their names, never their addresses). */
  servers: z.array(z.string()),
});
export type AsteriskEndpoint = z.output<typeof asteriskEndpointSchema>;

/** A custom device state a flow sets (Set device state) and phones watch, e.g. `Stasis:night-mode`. */
export const asteriskDeviceStateSchema = z.object({
  /** What a Set device state node's Device field holds, e.g. `Stasis:night-mode`. */
  name: z.string(),
  /** Its state on the first server that has it, e.g. `INUSE` or `NOT_INUSE`. */
  state: z.string(),
  servers: z.array(z.string()),
});
export type AsteriskDeviceState = z.output<typeof asteriskDeviceStateSchema>;

/** What every list read from the Asterisk servers says beside its items. */
const fromEveryServer = {
  /** Configured servers that did not answer in time or at all: what only they have is missing. */
  unansweredServers: z.array(z.string()),
  /** The servers had more than the list holds; typing more of a name narrows nothing here. */
  truncated: z.boolean(),
};

/** GET /asterisk/endpoints: by dial string. */
export const asteriskEndpointListSchema = z.object({
  endpoints: z.array(asteriskEndpointSchema),
  ...fromEveryServer,
});
export type AsteriskEndpointList = z.output<typeof asteriskEndpointListSchema>;

/** GET /asterisk/device-states: by name. */
export const asteriskDeviceStateListSchema = z.object({
  deviceStates: z.array(asteriskDeviceStateSchema),
  ...fromEveryServer,
});
export type AsteriskDeviceStateList = z.output<typeof asteriskDeviceStateListSchema>;
