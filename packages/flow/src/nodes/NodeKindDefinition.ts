import type { z } from 'zod';

export type OptionsSchema = z.ZodObject;

/**
 * What the editor, validation and the JSON Schema know about one node kind: metadata, options and
 * ports. Its runtime step is a NodeStep of its own (`<kind>Step.ts`), so the browser never loads it.
 */
export interface NodeKindDefinition<Kind extends string, Options extends OptionsSchema, Icon extends string> {
  readonly kind: Kind;
  readonly title: string;
  /** One line of help shown in the palette. */
  readonly description: string;
  /**
   * The lucide icon (its kebab-case name, as on lucide.dev) of the kind in the palette and on the
   * canvas. The editor maps names to components; a name it does not map fails to compile there.
   */
  readonly icon: Icon;
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
}

/** Any node kind's definition, as registries hold them. */
export type AnyNodeKindDefinition = NodeKindDefinition<string, OptionsSchema, string>;

export function defineNodeKind<Kind extends string, Options extends OptionsSchema, Icon extends string>(
  definition: NodeKindDefinition<Kind, Options, Icon>,
): NodeKindDefinition<Kind, Options, Icon> {
  return definition;
}
