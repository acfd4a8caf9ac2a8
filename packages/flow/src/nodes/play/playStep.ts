import type { NodeStep } from '../NodeStep.ts';
import { promptLanguage, promptMedia } from '../promptMedia.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';
import type { play } from './play.ts';

export const playStep: NodeStep<typeof play> = (options, context) =>
  runStepWithErrorPort(context, async () => {
    const language = promptLanguage(context, options.language);
    const media = await promptMedia(options.prompts, context, 'prompts', language);
    await context.channel.play(media, { language, interruptOnDigit: false });
    return 'next';
  });
