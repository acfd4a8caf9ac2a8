import type { Database } from '@callflow/db';
import { describe, expect, it } from 'vitest';
import { createFlow } from '../src/createFlow.ts';
import { createVersion } from '../src/createVersion.ts';
import { getFlow } from '../src/getFlow.ts';
import { listPublications } from '../src/listPublications.ts';
import { listVersions } from '../src/listVersions.ts';
import { type PublishRequest, publish } from '../src/publish.ts';
import { rollback } from '../src/rollback.ts';
import { saveDraft } from '../src/saveDraft.ts';
import { unpublish } from '../src/unpublish.ts';
import { auditOf, brokenDocument, documentPublish, expectRefused, playDocument } from './catalogFixtures.ts';

/**
 * `racing`: whether writers on two connections of one process may run at once. Not on SQLite, whose
 * driver blocks the thread while it waits for the write lock (the lock holder then cannot finish):
 * there they take turns, as two processes (the API and the CLI) do.
 */
export function describePublishing(
  connections: () => { db: Database; other: Database },
  { racing }: { racing: boolean },
): void {
  describe('publishing', () => {
    it('saves a document as the named flow’s next version and audits it for the actor', async () => {
      const { db } = connections();
      const first = await publish(db, { ...documentPublish('Desk', '6001'), note: 'go live' }, 'cli:alice');
      expect(first).toMatchObject({
        publication: { extension: '6001', flowName: 'Desk', version: 1 },
        createdVersion: true,
        previous: null,
      });
      expect(first.document?.nodes.map((node) => node.id)).toEqual(['start', 'say', 'bye']);
      const second = await publish(db, documentPublish('Desk', '6001', '2'), 'alice');
      expect(second.publication).toMatchObject({ flowId: first.publication.flowId, version: 2 });
      expect(second.previous).toEqual({ flowId: first.publication.flowId, flowName: 'Desk', version: 1 });

      const versions = await listVersions(db, first.publication.flowId);
      expect(
        versions.map((version) => [version.number, version.author, version.note, version.liveOn]),
      ).toEqual([
        [2, 'alice', '', ['6001']],
        [1, 'cli:alice', 'go live', []],
      ]);
      const draft = await db.prisma.flow.findUniqueOrThrow({ where: { id: first.publication.flowId } });
      expect(draft.revision).toBe(1);
      expect(await auditOf(db, '6001')).toEqual([
        {
          actor: 'cli:alice',
          action: 'publish',
          details: {
            flowId: first.publication.flowId,
            flowName: 'Desk',
            version: 1,
            createdVersion: true,
            previous: null,
            replaced: false,
            note: 'go live',
          },
        },
        {
          actor: 'alice',
          action: 'publish',
          details: expect.objectContaining({ version: 2, previous: second.previous, replaced: false }),
        },
      ]);
    });

    it('publishes a draft or an existing version of a flow named by id', async () => {
      const { db } = connections();
      const flow = await createFlow(db, { name: 'By id', document: playDocument('5') });
      const byId = (extension: string, source: PublishRequest['source']): PublishRequest => ({
        extension,
        flow: { id: flow.id },
        source,
        note: '',
        replace: false,
      });
      const fromDraft = await publish(db, byId('6010', { kind: 'draft', revision: 0 }), 'alice');
      expect(fromDraft).toMatchObject({ createdVersion: true, publication: { version: 1 } });
      const again = await publish(db, byId('6011', { kind: 'version', number: 1 }), 'bob');
      expect(again).toMatchObject({ createdVersion: false, publication: { version: 1 } });
      expect(await db.prisma.flowVersion.count({ where: { flowId: flow.id } })).toBe(1);
      expect((await auditOf(db, '6011'))[0]).toMatchObject({
        actor: 'bob',
        details: { createdVersion: false },
      });
    });

    it('refuses, changing nothing: an extension held by another flow, a stale draft, errors, unknown flows and versions', async () => {
      const { db } = connections();
      const holder = await publish(db, documentPublish('Holder', '6100'), 'alice');
      const challenger = await createFlow(db, { name: 'Challenger', document: playDocument('3') });
      const byId = { extension: '6100', flow: { id: challenger.id }, note: '', replace: false } as const;
      const heldBy = { flowId: holder.publication.flowId, flowName: 'Holder', version: 1 };
      await expectRefused(
        db,
        () => publish(db, { ...byId, source: { kind: 'draft' } }, 'bob'),
        { code: 'extension_taken', extension: '6100', heldBy },
        'extension 6100 runs flow "Holder" (version 1)',
      );
      await expectRefused(db, () => publish(db, documentPublish('Newcomer', '6100'), 'bob'), {
        code: 'extension_taken',
        extension: '6100',
        heldBy,
      });
      await expectRefused(
        db,
        () => publish(db, { ...byId, extension: '6101', source: { kind: 'draft', revision: 7 } }, 'bob'),
        { code: 'stale_revision', currentRevision: 0 },
      );
      await expectRefused(
        db,
        () => publish(db, { ...byId, extension: '6101', source: { kind: 'version', number: 3 } }, 'bob'),
        { code: 'not_found' },
        'version 3 of flow "Challenger" does not exist',
      );
      await expectRefused(
        db,
        () => publish(db, { ...byId, flow: { id: 'no-such-flow' }, source: { kind: 'draft' } }, 'bob'),
        { code: 'not_found' },
        'flow no-such-flow does not exist',
      );
      await expectRefused(
        db,
        () => publish(db, { ...byId, extension: '1', source: { kind: 'draft' } }, 'bob'),
        { code: 'invalid_extension', extension: '1' },
        'extension "1": use 2 to 20 digits (and * or #), starting with a digit, e.g. 6001',
      );
      const broken = await createFlow(db, { name: 'Broken', document: brokenDocument() });
      const invalidFlow = {
        code: 'invalid_flow',
        problems: [
          {
            severity: 'error',
            code: 'missing-target',
            message: 'Start › “Next” leads to a node that is not in the flow: connect it again',
            nodeId: 'start',
            edgeId: 'e1',
            path: 'edges.0',
          },
        ],
      } as const;
      await expectRefused(
        db,
        () =>
          publish(
            db,
            { ...byId, extension: '6102', flow: { id: broken.id }, source: { kind: 'draft' } },
            'bob',
          ),
        invalidFlow,
        'the draft of flow "Broken" has 1 error; fix it first',
      );
      // A document with errors creates no flow, even though the flow is created before the version.
      await expectRefused(
        db,
        () =>
          publish(
            db,
            {
              ...documentPublish('Never made', '6102'),
              source: { kind: 'document', document: brokenDocument() },
            },
            'bob',
          ),
        invalidFlow,
      );

      const replaced = await publish(db, { ...byId, source: { kind: 'draft' }, replace: true }, 'bob');
      expect(replaced.previous).toEqual(heldBy);
      expect((await auditOf(db, '6100')).at(-1)).toMatchObject({ actor: 'bob', details: { replaced: true } });
    });

    it('refuses a name that names several flows, listing their ids, and publishes either by id', async () => {
      const { db } = connections();
      const twins = [await createFlow(db, { name: 'Twin' }), await createFlow(db, { name: 'Twin' })];
      await expectRefused(db, () => publish(db, documentPublish('Twin', '6200'), 'cli:alice'), {
        code: 'ambiguous_flow_name',
        name: 'Twin',
        flowIds: twins.map((flow) => flow.id),
      });
      const [, second] = twins;
      if (second === undefined) throw new Error('no second twin');
      const published = await publish(
        db,
        { ...documentPublish('Twin', '6200'), flow: { id: second.id } },
        'cli:alice',
      );
      expect(published.publication).toMatchObject({ flowId: second.id, version: 1 });
    });

    it('rolls back to an older version only, and unpublishes, each audited', async () => {
      const { db } = connections();
      const first = await publish(db, documentPublish('Rolling', '6300'), 'alice');
      await publish(db, documentPublish('Rolling', '6300', '2'), 'alice');
      await expectRefused(
        db,
        () => rollback(db, '6300', 2, 'bob'),
        { code: 'not_older', liveVersion: 2 },
        'extension 6300 runs version 2 of flow "Rolling": roll back to one of versions 1 to 1, or publish version 2 instead',
      );
      await expectRefused(db, () => rollback(db, '6399', 1, 'bob'), {
        code: 'not_published',
        extension: '6399',
      });
      const rolledBack = await rollback(db, '6300', 1, 'bob');
      expect(rolledBack).toMatchObject({
        publication: { versionId: first.publication.versionId, version: 1 },
        previousVersion: 2,
      });
      const removed = await unpublish(db, '6300', 'carol');
      expect(removed).toMatchObject({ extension: '6300', flowName: 'Rolling', version: 1 });
      await expectRefused(
        db,
        () => unpublish(db, '6300', 'carol'),
        { code: 'not_published', extension: '6300' },
        'nothing is published on extension 6300',
      );
      expect((await auditOf(db, '6300')).slice(2)).toEqual([
        {
          actor: 'bob',
          action: 'rollback',
          details: { flowId: first.publication.flowId, flowName: 'Rolling', from: 2, to: 1 },
        },
        {
          actor: 'carol',
          action: 'unpublish',
          details: { flowId: first.publication.flowId, flowName: 'Rolling', version: 1 },
        },
      ]);
      expect((await listPublications(db)).map((publication) => publication.extension)).not.toContain('6300');
    });

    it(`numbers versions without gaps when writers on two connections ${racing ? 'race (the catalog lock)' : 'take turns'}`, async () => {
      const { db, other } = connections();
      const flow = await createFlow(db, { name: 'Raced', document: playDocument('9') });
      const draft = { extension: '6400', flow: { id: flow.id }, note: '', replace: false } as const;
      const rounds = 10;
      for (let round = 0; round < rounds; round++) {
        const writes = [
          () => publish(db, { ...draft, source: { kind: 'draft' } }, 'api'),
          () => createVersion(other, flow.id, { note: 'snapshot' }, 'cli'),
          () => publish(other, { ...draft, source: { kind: 'draft' } }, 'cli'),
        ];
        if (racing) await Promise.all(writes.map((write) => write()));
        else for (const write of writes) await write();
      }
      const numbers = (await listVersions(db, flow.id)).map((version) => version.number).reverse();
      expect(numbers).toEqual(Array.from({ length: 3 * rounds }, (_, index) => index + 1));
      expect(await db.prisma.auditEvent.count({ where: { target: '6400', action: 'publish' } })).toBe(
        2 * rounds,
      );
    });

    it.runIf(racing)(
      'lets one of two flows racing for a free extension have it, refusing the other',
      async () => {
        const { db, other } = connections();
        for (let round = 10; round < 30; round++) {
          const extension = `67${round}`;
          const outcomes = await Promise.allSettled([
            publish(db, documentPublish(`left ${round}`, extension), 'api'),
            publish(other, documentPublish(`right ${round}`, extension), 'cli'),
          ]);
          const refused = outcomes.flatMap((outcome) =>
            outcome.status === 'rejected' ? [outcome.reason] : [],
          );
          expect(refused, `round ${round}`).toEqual([expect.objectContaining({ code: 'extension_taken' })]);
          expect(await db.prisma.auditEvent.count({ where: { target: extension } })).toBe(1);
        }
      },
    );

    it.runIf(racing)(
      'saves one of two drafts racing from the same revision, refusing the other as stale',
      async () => {
        const { db, other } = connections();
        const flow = await createFlow(db, { name: 'Edited twice' });
        for (let revision = 0; revision < 10; revision++) {
          const outcomes = await Promise.allSettled([
            saveDraft(db, flow.id, { revision, document: playDocument('1') }),
            saveDraft(other, flow.id, { revision, document: playDocument('2') }),
          ]);
          const refused = outcomes.flatMap((outcome) =>
            outcome.status === 'rejected' ? [outcome.reason] : [],
          );
          expect(refused, `revision ${revision}`).toEqual([
            expect.objectContaining({ code: 'stale_revision' }),
          ]);
        }
        expect((await getFlow(db, flow.id)).revision).toBe(10);
      },
    );

    it('saves a draft only at its current revision', async () => {
      const { db } = connections();
      const flow = await createFlow(db, { name: 'Drafted' });
      const saved = await saveDraft(db, flow.id, { revision: 0, document: playDocument('4') });
      expect(saved.revision).toBe(1);
      await expectRefused(
        db,
        () => saveDraft(db, flow.id, { revision: 0, document: playDocument('5') }),
        { code: 'stale_revision', currentRevision: 1 },
        'the draft was saved by someone else since you loaded it (it is now at revision 1); reload it and make your change again',
      );
    });
  });
}
