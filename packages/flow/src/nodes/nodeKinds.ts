import { answer } from './answer/index.ts';
import { bridge } from './bridge/index.ts';
import { collectDigits } from './collectDigits/index.ts';
import { condition } from './condition/index.ts';
import { dial } from './dial/index.ts';
import { hangup } from './hangup/index.ts';
import { httpLookup } from './httpLookup/index.ts';
import { menu } from './menu/index.ts';
import type { NodeKindDefinition, OptionsSchema } from './NodeKindDefinition.ts';
import { play } from './play/index.ts';
import { record } from './record/index.ts';
import { setDeviceState } from './setDeviceState/index.ts';
import { setVariable } from './setVariable/index.ts';
import { start } from './start/index.ts';
import { timeOfDay } from './timeOfDay/index.ts';

/** The one registry of node kinds: a kind exists for the editor, validation and runtime once listed here. */
export const nodeKinds = {
  start,
  answer,
  play,
  record,
  menu,
  collectDigits,
  bridge,
  dial,
  setDeviceState,
  httpLookup,
  setVariable,
  condition,
  timeOfDay,
  hangup,
} satisfies Record<string, NodeKindDefinition<string, OptionsSchema>>;

export type NodeKind = keyof typeof nodeKinds;
/** Fails to compile when a registry key differs from its definition's `kind`. */
type MismatchedKind = {
  [Key in keyof typeof nodeKinds]: (typeof nodeKinds)[Key]['kind'] extends Key ? never : Key;
}[keyof typeof nodeKinds];
const registryKeysMatchKinds: [MismatchedKind] extends [never] ? true : MismatchedKind = true;
void registryKeysMatchKinds;

export const nodeKindNames = Object.keys(nodeKinds) as NodeKind[];
