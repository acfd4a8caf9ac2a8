import { z } from 'zod';
import { currentSchemaVersion } from './FlowDocument.ts';

const flowFormatUnknown =
  'This file does not say which flow format it was made in: export the flow again from Callflow';

/** The exported form of a flow: what `callflow export` writes and what import and publish read. */
export const flowExport = z.strictObject(
  {
    format: z.literal('callflow.flow', {
      error:
        'This is not a Callflow flow file: its “format” should be “callflow.flow”; export the flow again from Callflow',
    }),
    schemaVersion: z.number({ error: flowFormatUnknown }).int({ error: flowFormatUnknown }),
    name: z
      .string({ error: 'The file has no flow name: add one, or give a name when importing' })
      .trim()
      .min(1, 'The flow in this file has no name: give it one')
      .max(120, 'The flow’s name is longer than 120 characters: shorten it'),
    /** The flow document itself; validated separately so every problem in it can be listed. */
    document: z.unknown(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `The file has ${issue.keys.length === 1 ? 'a field' : 'fields'} that Callflow does not know (${issue.keys.map((key) => `“${key.slice(0, 64)}”`).join(', ')}): remove ${issue.keys.length === 1 ? 'it' : 'them'}`
        : undefined,
  },
);
export type FlowExport = z.output<typeof flowExport>;

export function toFlowExport(name: string, document: unknown): FlowExport {
  return { format: 'callflow.flow', schemaVersion: currentSchemaVersion, name, document };
}

/**
 * Reads a flow file: either an export (with a name) or a bare flow document, which takes its name from
 * `fallbackName` (e.g. the file name).
 */
export function readFlowFile(
  json: unknown,
  fallbackName: string,
): { name: string; document: unknown } | { error: string } {
  if (typeof json === 'object' && json !== null && 'format' in json) {
    const parsed = flowExport.safeParse(json);
    if (!parsed.success) {
      return {
        // Each message names its field in words; the CLI prints them one after the other.
        error: parsed.error.issues.map((issue) => issue.message).join('; '),
      };
    }
    return { name: parsed.data.name, document: parsed.data.document };
  }
  return { name: fallbackName, document: json };
}
