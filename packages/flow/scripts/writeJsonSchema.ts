import { writeFileSync } from 'node:fs';
import { flowJsonSchema } from '../src/document/flowJsonSchema.ts';

const target = new URL('../flow.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(flowJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
