import { z } from 'zod';
import { currentSchemaVersion } from './FlowDocument.ts';

/** The exported form of a flow: what `callflow export` writes and what import and publish read. */
export const flowExport = z
  .object({
    format: z.literal('callflow.flow'),
    schemaVersion: z.number().int(),
    name: z.string().trim().min(1, 'give the flow a name').max(120),
    /** The flow document itself; validated separately so every problem in it can be listed. */
    document: z.unknown(),
  })
  .strict();
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
        error: parsed.error.issues
          .map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`)
          .join('; '),
      };
    }
    return { name: parsed.data.name, document: parsed.data.document };
  }
  return { name: fallbackName, document: json };
}
