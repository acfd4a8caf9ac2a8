import type { Database } from '@callflow/db';
import { describe, expect, it } from 'vitest';
import { createFlow } from '../src/createFlow.ts';
import { deleteFlow } from '../src/deleteFlow.ts';
import { duplicateFlow } from '../src/duplicateFlow.ts';
import { exportFlow } from '../src/exportFlow.ts';
import { getFlow, readDraft } from '../src/getFlow.ts';
import { getVersion } from '../src/getVersion.ts';
import { importFlow } from '../src/importFlow.ts';
import { type FlowListPosition, listFlows } from '../src/listFlows.ts';
import { publish } from '../src/publish.ts';
import { renameFlow } from '../src/renameFlow.ts';
import { unpublish } from '../src/unpublish.ts';
import { auditOf, documentPublish, expectRefused, playDocument } from './catalogFixtures.ts';

export function describeFlowsAndFiles(database: () => Database): void {
  describe('flows and flow files', () => {
    it('creates flows (a Start node by default), renames and duplicates them', async () => {
      const db = database();
      const empty = await createFlow(db, { name: 'Starter' });
      expect(empty.document.nodes.map((node) => node.kind)).toEqual(['start']);
      expect(empty).toMatchObject({ revision: 0, versionCount: 0, latestVersion: null, publications: [] });
      const renamed = await renameFlow(db, empty.id, 'Renamed');
      expect(renamed).toMatchObject({ id: empty.id, name: 'Renamed', revision: 0 });
      const copy = await duplicateFlow(db, empty.id);
      expect(copy).toMatchObject({ name: 'Renamed (copy)', document: empty.document });
      expect((await getFlow(db, copy.id)).name).toBe('Renamed (copy)');
      expect(await readDraft(db, copy.id)).toEqual(empty.document);
      await expectRefused(db, () => renameFlow(db, 'no-such-flow', 'x'), { code: 'not_found' });
      await expectRefused(
        db,
        () => getFlow(db, 'no-such-flow'),
        { code: 'not_found' },
        'flow no-such-flow does not exist',
      );
    });

    it('reports a stored draft that is not a flow draft as a damaged row, naming the flow and the field', async () => {
      const db = database();
      const flow = await createFlow(db, { name: 'Damaged' });
      await db.prisma.flow.update({
        where: { id: flow.id },
        data: { document: JSON.stringify({ schemaVersion: 1, nodes: 'start', edges: [] }) },
      });
      await expect(getFlow(db, flow.id)).rejects.toThrow(
        `flow ${flow.id}: the stored draft is not a flow draft (nodes: `,
      );
      await db.prisma.flow.update({ where: { id: flow.id }, data: { document: '{"nodes": [' } });
      await expect(getFlow(db, flow.id)).rejects.toThrow(`flow ${flow.id}: the stored draft is not JSON`);
    });

    it('lists flows by name a page at a time, finding search text literally', async () => {
      const db = database();
      for (const name of ['Page b', 'Page a', 'Page c', 'Page 100% off_peak']) await createFlow(db, { name });
      const names: string[] = [];
      let after: FlowListPosition | null = null;
      do {
        const page: Awaited<ReturnType<typeof listFlows>> = await listFlows(db, {
          search: 'page ',
          after,
          limit: 2,
        });
        expect(page.flows.length).toBeLessThanOrEqual(2);
        names.push(...page.flows.map((flow) => flow.name));
        after = page.next;
      } while (after !== null);
      expect(names).toEqual(['Page 100% off_peak', 'Page a', 'Page b', 'Page c']);
      const literal = await listFlows(db, { search: '0% OFF_', after: null, limit: 10 });
      expect(literal.flows.map((flow) => flow.name)).toEqual(['Page 100% off_peak']);
    });

    it('imports a flow file with an audit entry, and refuses a bad one creating nothing', async () => {
      const db = database();
      const file = {
        format: 'callflow.flow',
        schemaVersion: 1,
        name: 'Imported',
        document: playDocument('7'),
      };
      const imported = await importFlow(db, { file }, 'alice');
      expect(imported).toMatchObject({
        flow: { name: 'Imported', versionCount: 0 },
        warnings: [],
        documentPath: 'document',
        schemaVersion: 1,
      });
      expect(imported.document).toEqual(playDocument('7'));
      expect(await auditOf(db, imported.flow.id)).toEqual([
        { actor: 'alice', action: 'import', details: { name: 'Imported', schemaVersion: 1 } },
      ]);
      const renamed = await importFlow(db, { file: playDocument('8'), name: 'Bare' }, 'alice');
      expect(renamed).toMatchObject({ flow: { name: 'Bare' }, documentPath: '' });

      await expectRefused(
        db,
        () => importFlow(db, { file: { ...file, schemaVersion: 99 } }, 'alice'),
        {
          code: 'invalid_file',
          problems: [expect.objectContaining({ path: 'schemaVersion', code: 'invalid-file' })],
        },
        'the flow file was not imported; nothing was created',
      );
      await expectRefused(db, () => importFlow(db, { file: playDocument('8') }, 'alice'), {
        code: 'invalid_file',
        problems: [
          {
            severity: 'error',
            code: 'invalid-file',
            message: 'The flow in this file has no name: give it a name when you import it',
            nodeId: null,
            edgeId: null,
            path: 'query.name',
          },
        ],
      });
    });

    it('exports the draft or a version, by id, or by a name that names one flow', async () => {
      const db = database();
      const published = await publish(db, documentPublish('Exported', '6500', '1'), 'alice');
      const { flowId } = published.publication;
      const version = await getVersion(db, flowId, 1);
      expect(version).toMatchObject({ number: 1, author: 'alice', liveOn: ['6500'] });
      await expectRefused(
        db,
        () => getVersion(db, flowId, 2),
        { code: 'not_found' },
        'version 2 of flow "Exported" does not exist',
      );
      const byId = await exportFlow(db, { flow: { id: flowId }, version: 1 });
      expect(byId).toEqual({
        name: 'Exported',
        file: { format: 'callflow.flow', schemaVersion: 1, name: 'Exported', document: version.document },
      });
      expect(await exportFlow(db, { flow: { idOrName: 'Exported' } })).toEqual(byId);
      expect(await exportFlow(db, { flow: { idOrName: flowId } })).toEqual(byId);
      await createFlow(db, { name: 'Exported' });
      await expectRefused(db, () => exportFlow(db, { flow: { idOrName: 'Exported' } }), {
        code: 'ambiguous_flow_name',
        name: 'Exported',
        flowIds: [flowId, expect.any(String)],
      });
      await expectRefused(
        db,
        () => exportFlow(db, { flow: { idOrName: 'Nobody' } }),
        { code: 'not_found' },
        'no flow named or with id "Nobody"',
      );
    });

    it('deletes a flow with its versions only once nothing runs it, audited', async () => {
      const db = database();
      const published = await publish(db, documentPublish('Doomed', '6600', '6'), 'alice');
      const { flowId } = published.publication;
      await expectRefused(
        db,
        () => deleteFlow(db, flowId, 'bob'),
        { code: 'flow_published', extensions: ['6600'] },
        'flow "Doomed" is live on extension 6600; unpublish it first',
      );
      await unpublish(db, '6600', 'bob');
      expect(await deleteFlow(db, flowId, 'bob')).toEqual({ name: 'Doomed', versions: 1 });
      expect(await db.prisma.flowVersion.count({ where: { flowId } })).toBe(0);
      expect(await auditOf(db, flowId)).toEqual([
        { actor: 'bob', action: 'flow_delete', details: { name: 'Doomed', versions: 1 } },
      ]);
      await expectRefused(db, () => deleteFlow(db, flowId, 'bob'), { code: 'not_found' });
    });
  });
}
