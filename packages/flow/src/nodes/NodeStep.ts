import type { z } from 'zod';
import type { StepContext } from '../runtime/StepContext.ts';
import type { AnyNodeKindDefinition } from './NodeKindDefinition.ts';

/**
 * A node kind's runtime step: runs one node of that kind on a call and returns the outcome port it
 * took. Typed by its definition, e.g. `NodeStep<typeof dial>`, so its options are the parsed ones.
 */
export type NodeStep<Definition extends AnyNodeKindDefinition> = (
  options: z.output<Definition['options']>,
  context: StepContext,
) => Promise<string>;
