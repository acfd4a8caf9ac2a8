import { answer } from './answer/answer.ts';
import { bridge } from './bridge/bridge.ts';
import { collectDigits } from './collectDigits/collectDigits.ts';
import { condition } from './condition/condition.ts';
import { dial } from './dial/dial.ts';
import { hangup } from './hangup/hangup.ts';
import { httpLookup } from './httpLookup/httpLookup.ts';
import { menu } from './menu/menu.ts';
import type { AnyNodeKindDefinition } from './NodeKindDefinition.ts';
import { play } from './play/play.ts';
import { record } from './record/record.ts';
import { setDeviceState } from './setDeviceState/setDeviceState.ts';
import { setLanguage } from './setLanguage/setLanguage.ts';
import { setVariable } from './setVariable/setVariable.ts';
import { start } from './start/start.ts';
import { timeOfDay } from './timeOfDay/timeOfDay.ts';

/**
 * The registry of node kind definitions: a kind exists for the editor, validation and the JSON Schema
 * once listed here. Its runtime step is listed in nodeSteps.ts, which the compiler keeps in step.
 */
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
  setLanguage,
  condition,
  timeOfDay,
  hangup,
} satisfies Record<string, AnyNodeKindDefinition>;

export type NodeKind = keyof typeof nodeKinds;
/** Fails to compile when a registry key differs from its definition's `kind`. */
type MismatchedKind = {
  [Key in keyof typeof nodeKinds]: (typeof nodeKinds)[Key]['kind'] extends Key ? never : Key;
}[keyof typeof nodeKinds];
const registryKeysMatchKinds: [MismatchedKind] extends [never] ? true : MismatchedKind = true;
void registryKeysMatchKinds;

export const nodeKindNames = Object.keys(nodeKinds) as NodeKind[];

/** The icon names the kinds use: the editor maps each to a picture, and fails to compile on a missing one. */
export type NodeIconName = (typeof nodeKinds)[NodeKind]['icon'];
