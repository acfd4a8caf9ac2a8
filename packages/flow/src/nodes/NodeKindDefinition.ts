import type { z } from 'zod';
import type { StepContext } from '../runtime/StepContext.ts';

export type OptionsSchema = z.ZodObject;

/** Everything the product knows about one node kind: editor metadata, options, ports and runtime step. */
export interface NodeKindDefinition<Kind extends string, Options extends OptionsSchema> {
  readonly kind: Kind;
  readonly title: string;
  /** One line of help shown in the palette. */
  readonly description: string;
  readonly options: Options;
  /** What a node of this kind starts with when added in the editor: valid, and a hint of what to fill in. */
  readonly starterOptions: z.input<Options>;
  /** Outcome ports for these options, in display order. */
  ports(options: z.output<Options>): readonly string[];
  /**
   * Whether the node waits for the caller or for time to pass (a prompt, a digit, a callee). A loop
   * without such a node would spin, so validation refuses it.
   */
  readonly waitsForCaller: boolean;
  /** Variable keys this node sets, e.g. `vars.choice`, for validation and the editor. */
  variablesSet(options: z.output<Options>): readonly string[];
  /** Static problems a schema cannot express (e.g. an invalid regular expression). */
  check?(options: z.output<Options>): readonly { path: readonly (string | number)[]; message: string }[];
  run(options: z.output<Options>, context: StepContext): Promise<string>;
}

export function defineNodeKind<Kind extends string, Options extends OptionsSchema>(
  definition: NodeKindDefinition<Kind, Options>,
): NodeKindDefinition<Kind, Options> {
  return definition;
}
