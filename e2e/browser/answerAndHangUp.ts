import { answeredThen, flow } from '../harness/flowBuilder.ts';

/** Start → Answer → Hang up side by side, the answer labelled `answerLabel`: the smallest whole flow. */
export const answerAndHangUp = (answerLabel = '') =>
  flow(
    [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      { id: 'answer', kind: 'answer', label: answerLabel, position: { x: 260, y: 0 } },
      { id: 'bye', kind: 'hangup', position: { x: 520, y: 0 } },
    ],
    answeredThen('bye'),
  );
