import type { z } from 'zod';

export type OptionsSchema = z.ZodObject;

/**
 * A kind's help, in a PBX administrator's words: what it does, when a call takes each outcome, and one
 * concrete use. The editor's help panel shows it.
 */
export interface NodeKindHelp {
  readonly does: string;
  /**
   * When the call takes each port, keyed by port name. Ports a kind makes from its options are
   * described once under a generic key in angle brackets (a menu's `<digit>`).
   */
  readonly outcomes: Readonly<Record<string, string>>;
  readonly example: string;
}

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
  /** What the help panel says about this kind. */
  readonly help: NodeKindHelp;
  /**
   * What the canvas, the call story and help show for one of this node's ports when the shared words
   * (portWords) are not enough, e.g. a menu choice's name. Options may be half filled (a draft).
   */
  portLabel?(options: z.output<Options>, port: string): string | undefined;
  /**
   * A short hint of what a node with these options does (“Welcome to Acme”, 1001), shown when the node
   * has no label. Options may be half filled (a draft): callers catch what this throws.
   */
  summarize?(options: z.output<Options>): string;
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
