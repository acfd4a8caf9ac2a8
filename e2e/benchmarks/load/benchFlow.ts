// The IVR the load benchmark and the soak call, defined once so that the published flow and the
// hand-written baseline (baselineAri.ts) play the same sounds and wait the same way.
import { type FlowDocument, validateFlow } from '@callflow/flow';
import { flow, sound } from '../../harness/flowBuilder.ts';

/** First prompt, played to the end (1.4 s). */
export const WELCOME_SOUND = 'hello-world';
/**
 * Menu prompt: 30 s long, so that the caller's "1" (sent 9–20 s after the answer) arrives while it
 * still plays and barge-in has a playback to stop, as in a real "press 1 for sales" menu.
 */
export const MENU_SOUND = 'demo-congrats';
/** Last prompt before the hangup (0.8 s). */
export const GOODBYE_SOUND = 'vm-goodbye';
/** Long enough for any hold time the scripts use; the caller always presses 1 before it. */
export const MENU_TIMEOUT_SECONDS = 60;
/** The custom device the flow sets (the runtime adds the `Stasis:` prefix). */
export const RUNTIME_DEVICE = 'bench-load-runtime';
export const BASELINE_DEVICE = 'bench-load-baseline';
export const DEVICE_STATE = 'INUSE';

/** start → answer → play → menu(1) → setDeviceState → play → hangup: seven steps per completed call. */
export const COMPLETED_STEP_COUNT = 7;

export function benchFlowDocument(): FlowDocument {
  const result = validateFlow(
    flow(
      [
        { id: 'start', kind: 'start' },
        { id: 'answer', kind: 'answer' },
        { id: 'welcome', kind: 'play', options: { prompts: [sound(WELCOME_SOUND)] } },
        {
          id: 'menu',
          kind: 'menu',
          options: {
            prompts: [sound(MENU_SOUND)],
            choices: [{ digit: '1' }],
            timeoutSeconds: MENU_TIMEOUT_SECONDS,
            retries: 0,
          },
        },
        { id: 'busy', kind: 'setDeviceState', options: { device: RUNTIME_DEVICE, state: DEVICE_STATE } },
        { id: 'goodbye', kind: 'play', options: { prompts: [sound(GOODBYE_SOUND)] } },
        { id: 'bye', kind: 'hangup', options: { cause: 'normal' } },
        // A caller who does not press 1 ends here: a shorter path, counted as a failed call.
        { id: 'noChoice', kind: 'hangup', options: { cause: 'normal' } },
      ],
      [
        'start.next -> answer',
        'answer.next -> welcome',
        'welcome.next -> menu',
        'menu.1 -> busy',
        'menu.timeout -> noChoice',
        'menu.invalid -> noChoice',
        'busy.next -> goodbye',
        'goodbye.next -> bye',
      ],
    ),
  );
  if (result.document === null || !result.ok)
    throw new Error(`invalid benchmark flow: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.document;
}
