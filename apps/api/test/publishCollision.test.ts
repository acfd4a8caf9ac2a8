// A CLI publish (`npm run callflow -- publish`: @callflow/catalog's publish of a flow file, on a
// database connection of its own) and an API publish of the same flow on the same extension at the
// same moment. Both go through the one catalog; the CLI's runs in this process on its own connection.
import { CatalogError, publish } from '@callflow/catalog';
import { type Database, openDatabase } from '@callflow/db';
import { type FlowDocument, validateFlow } from '@callflow/flow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlowTestSession, playFlow, startFlowTestSession } from './flowTestSession.ts';
import { testEngines } from './startTestApi.ts';

const ROUNDS = 40;
const EXTENSION = '7401';
const NAME = 'published from both sides';

interface FlowView {
  id: string;
}

/** What one side's publish ended in: the version it made, or its refusal. */
type Outcome = { version: number } | { refused: string };

describe.each(testEngines())('a CLI and an API publish colliding, on %s', (engine) => {
  let session: FlowTestSession;
  let cli: Database;
  /** A second operator's CLI: a connection of its own. */
  let otherCli: Database;
  let flowId: string;
  let document: FlowDocument;

  beforeAll(async () => {
    session = await startFlowTestSession(engine);
    cli = await openDatabase(session.api.databaseUrl);
    otherCli = await openDatabase(session.api.databaseUrl);
    const checked = validateFlow(playFlow('7401'));
    if (checked.document === null) throw new Error('invalid test flow');
    document = checked.document;
    const created = await session.as.editor.post<FlowView>('/api/flows', { name: NAME, document });
    expect(created.status).toBe(201);
    flowId = created.body.id;
  }, 60_000);

  afterAll(async () => {
    await cli?.close();
    await otherCli?.close();
    await session?.api.stop();
  });

  async function apiPublish(round: number): Promise<Outcome> {
    const answer = await session.as.editor.put<{ version?: number; error?: string; message?: string }>(
      `/api/publications/${EXTENSION}`,
      { flowId, note: `api ${round}` },
    );
    // A conflict may be refused in words (409), never a server error.
    if (answer.status === 200 && answer.body.version !== undefined) return { version: answer.body.version };
    expect(answer.status, JSON.stringify(answer.body)).toBe(409);
    return { refused: answer.body.message ?? '' };
  }

  async function cliPublish(round: number, db = cli, name = NAME, extension = EXTENSION): Promise<Outcome> {
    try {
      const result = await publish(
        db,
        {
          extension,
          flow: { name },
          source: { kind: 'document', document },
          note: `cli ${round}`,
          replace: false,
        },
        'cli:operator',
      );
      return { version: result.publication.version };
    } catch (error) {
      // What the CLI prints as `callflow: <message>` (exit 1); anything else is an unexpected failure.
      if (error instanceof CatalogError) return { refused: error.message };
      throw error;
    }
  }

  it('applies both, numbers versions without gaps or repeats, and leaves the extension on one of them', async () => {
    const made: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const outcomes = await Promise.all([apiPublish(round), cliPublish(round)]);
      const versions = outcomes.flatMap((outcome) => ('version' in outcome ? [outcome.version] : []));
      // Neither is refused: they apply one after the other, as if the other had not been there.
      expect(outcomes, `round ${round}`).toEqual([
        { version: expect.any(Number) },
        { version: expect.any(Number) },
      ]);
      made.push(...versions);

      const stored = await session.api.db.prisma.flowVersion.findMany({
        where: { flowId },
        orderBy: { number: 'asc' },
        select: { id: true, number: true },
      });
      expect(stored.map((version) => version.number)).toEqual(stored.map((_, index) => index + 1));
      expect([...made].sort((a, b) => a - b)).toEqual(stored.map((version) => version.number));

      const publications = await session.api.db.prisma.publication.findMany({
        where: { extension: EXTENSION },
        include: { flowVersion: { select: { number: true } } },
      });
      expect(publications).toHaveLength(1);
      expect(publications[0]?.flowId).toBe(flowId);
      // The extension runs a version made in this round: the one committed last.
      expect(versions, `round ${round}`).toContain(publications[0]?.flowVersion.number);
    }
    expect(made).toHaveLength(2 * ROUNDS);
    expect(await session.api.db.prisma.flow.count({ where: { name: NAME } })).toBe(1);
  }, 120_000);

  // PostgreSQL only: SQLite's driver blocks the whole thread while it waits for the write lock, so two
  // connections in one process (unlike two CLI processes) wait for each other until the busy timeout.
  it.runIf(engine === 'postgresql')(
    'makes one flow when two CLIs publish a flow that does not exist yet, at the same moment',
    async () => {
      for (let round = 1; round <= 10; round++) {
        const name = `new from two terminals ${round}`;
        const extension = `75${String(round).padStart(2, '0')}`;
        const outcomes = await Promise.all([
          cliPublish(round, cli, name, extension),
          cliPublish(round, otherCli, name, extension),
        ]);
        expect(outcomes.map((outcome) => ('version' in outcome ? outcome.version : outcome)).sort()).toEqual([
          1, 2,
        ]);
        const flows = await session.api.db.prisma.flow.findMany({
          where: { name },
          include: { versions: true },
        });
        expect(flows, `round ${round}`).toHaveLength(1);
        expect(flows[0]?.versions.map((version) => version.number).sort()).toEqual([1, 2]);
      }
    },
  );
});
