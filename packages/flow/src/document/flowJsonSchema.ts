import { z } from 'zod';
import { flowDocument } from './FlowDocument.ts';

/** JSON Schema of a flow file as people write it (defaults may be omitted). */
export function flowJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(flowDocument, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    $id: 'https://callflow.dev/schema/flow-v1.json',
    title: 'Callflow flow document',
  };
}
