import type { NodeStep } from '../NodeStep.ts';
import type { start } from './start.ts';

/** The call's variables are set by the session before the first step: Start only leads on. */
export const startStep: NodeStep<typeof start> = async () => 'next';
