import type { NodeStep } from '../NodeStep.ts';
import { promptMedia } from '../promptMedia.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';
import type { play } from './play.ts';

export const playStep: NodeStep<typeof play> = (options, context) =>
  runStepWithErrorPort(context, async () => {
    const media = promptMedia(options.prompts, context.variables, 'prompts');
    await context.channel.play(media, { language: options.language, interruptOnDigit: false });
    return 'next';
  });
