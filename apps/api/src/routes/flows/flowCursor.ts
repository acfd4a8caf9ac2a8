import { z } from 'zod';

const position = z.tuple([z.string(), z.string()]);

/** Where a page of the flow list ends: the last flow's name and id, as an opaque URL-safe string. */
export function encodeFlowCursor(flow: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([flow.name, flow.id])).toString('base64url');
}

/** The position a cursor names, or null when it is not a cursor this API made. */
export function decodeFlowCursor(cursor: string): { name: string; id: string } | null {
  try {
    const parsed = position.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { name: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}
