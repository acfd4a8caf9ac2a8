import { flow, sound } from '../harness/flowBuilder.ts';

/**
 * "Press 1 for sales, 2 for support, timeout: goodbye", as the drag-and-drop test builds it in the
 * editor (same node ids, labels and starter options), for the tests that start from it.
 */
export const salesAndSupport = flow(
  [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'answer-1', kind: 'answer', position: { x: 260, y: 0 } },
    {
      id: 'menu-1',
      kind: 'menu',
      position: { x: 520, y: 0 },
      options: {
        prompts: [sound('vm-enter-num-to-call')],
        choices: [
          { digit: '1', label: '' },
          { digit: '2', label: '' },
        ],
      },
    },
    ...(['Sales', 'Support', 'Goodbye'] as const).map((label, index) => ({
      id: `play-${index + 1}`,
      kind: 'play',
      label,
      position: { x: 780, y: index * 220 },
      options: { prompts: [sound('hello-world')] },
    })),
  ],
  [
    'start.next -> answer-1',
    'answer-1.next -> menu-1',
    'menu-1.1 -> play-1',
    'menu-1.2 -> play-2',
    'menu-1.timeout -> play-3',
  ],
);
