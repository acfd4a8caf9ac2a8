import { currentSchemaVersion, type FlowDocument, flowDocument } from '../document/FlowDocument.ts';
import type { Prompt } from '../nodes/prompts.ts';

/** A node of a starter: id, kind, the label the user sees, its place on the grid, its options. */
export interface StarterNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  /**
   * Where on the canvas: the lane (top to bottom, in port order so lines do not cross) and the step
   * (left to right, as the call goes: outcomes leave a card on its right).
   */
  readonly at: readonly [lane: number, step: number];
  readonly options?: Record<string, unknown>;
}

/** Grid spacing in canvas pixels: a card is 200 wide and, with a Dial's five outcomes, 173 high. */
const stepWidth = 300;
const laneHeight = 200;

/** A sentence spoken by text-to-speech in the caller's language: works without recording anything. */
export function say(text: string): Prompt {
  return { type: 'say', text, language: null, voice: null, translations: [] };
}

/**
 * The nodes every starter ends with: Start's "On error" path says sorry and hangs up, so a failure
 * anywhere (a phone that cannot be reached, a web service down) ends the call politely.
 */
export function errorPath(
  lane: number,
  step: number,
  sorry: Prompt = say('Sorry, something went wrong. Please call again later. Goodbye.'),
): StarterNode[] {
  return [
    {
      id: 'sorry',
      kind: 'play',
      label: 'Something went wrong',
      at: [lane, step],
      options: { prompts: [sorry] },
    },
    { id: 'sorry-hangup', kind: 'hangup', label: 'Hang up', at: [lane, step + 1] },
  ];
}

/** The wires of `errorPath`. */
export const errorPathWires = ['start.error -> sorry', 'sorry.next -> sorry-hangup'];

/**
 * A starter's document from its nodes and `source.port -> target` wires, parsed so option defaults
 * are filled in; a mistake in a starter throws when the module loads (and its test fails).
 */
export function starterDocument(nodes: readonly StarterNode[], wires: readonly string[]): FlowDocument {
  return flowDocument.parse({
    schemaVersion: currentSchemaVersion,
    nodes: nodes.map((node) => ({
      id: node.id,
      kind: node.kind,
      label: node.label,
      position: { x: node.at[1] * stepWidth, y: node.at[0] * laneHeight },
      options: node.options ?? {},
    })),
    edges: wires.map((wire, index) => {
      const match = /^([\w-]+)\.(\S+)\s*->\s*([\w-]+)$/.exec(wire);
      if (match === null) throw new Error(`starter wire "${wire}" is not "source.port -> target"`);
      const [, source = '', port = '', target = ''] = match;
      return { id: `e${index + 1}`, source, port, target };
    }),
  });
}
