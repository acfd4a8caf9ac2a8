import { answerStep } from './answer/answerStep.ts';
import { bridgeStep } from './bridge/bridgeStep.ts';
import { collectDigitsStep } from './collectDigits/collectDigitsStep.ts';
import { conditionStep } from './condition/conditionStep.ts';
import { dialStep } from './dial/dialStep.ts';
import { hangupStep } from './hangup/hangupStep.ts';
import { httpLookupStep } from './httpLookup/httpLookupStep.ts';
import { menuStep } from './menu/menuStep.ts';
import type { NodeStep } from './NodeStep.ts';
import type { NodeKind, nodeKinds } from './nodeKinds.ts';
import { playStep } from './play/playStep.ts';
import { recordStep } from './record/recordStep.ts';
import { setDeviceStateStep } from './setDeviceState/setDeviceStateStep.ts';
import { setLanguageStep } from './setLanguage/setLanguageStep.ts';
import { setVariableStep } from './setVariable/setVariableStep.ts';
import { startStep } from './start/startStep.ts';
import { timeOfDayStep } from './timeOfDay/timeOfDayStep.ts';

/**
 * The registry of runtime steps, one per kind in nodeKinds (a missing or extra kind, or a step typed
 * for another kind's options, fails to compile). Only the runtime imports it: the editor never loads
 * a step.
 */
export const nodeSteps = {
  start: startStep,
  answer: answerStep,
  play: playStep,
  record: recordStep,
  menu: menuStep,
  collectDigits: collectDigitsStep,
  bridge: bridgeStep,
  dial: dialStep,
  setDeviceState: setDeviceStateStep,
  httpLookup: httpLookupStep,
  setVariable: setVariableStep,
  setLanguage: setLanguageStep,
  condition: conditionStep,
  timeOfDay: timeOfDayStep,
  hangup: hangupStep,
} satisfies { [Kind in NodeKind]: NodeStep<(typeof nodeKinds)[Kind]> };
