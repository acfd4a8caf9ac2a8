import { toFlowExport } from '@callflow/flow';
import { describe, expect, it } from 'vitest';
import {
  catalogCounts,
  type ErrorView,
  type FlowView,
  playFlow,
  useFlowTestSession,
} from './flowTestSession.ts';
import { testEngines } from './startTestApi.ts';

interface NameTakenView extends ErrorView {
  name: string;
  suggestedName: string;
}

describe.each(testEngines())('importing a flow whose name is taken, on %s', (engine) => {
  const session = useFlowTestSession(engine);

  async function importFile(name: string, query = '') {
    return session.as.editor.post<{ flow: FlowView } & NameTakenView>(
      `/api/flows/import${query}`,
      toFlowExport(name, playFlow('1')),
    );
  }

  async function flowsNamed(name: string): Promise<number> {
    return session.api.db.prisma.flow.count({ where: { name } });
  }

  it('refuses with 409 name_taken and a free name to suggest, creating nothing', async () => {
    expect((await importFile('Reception')).status).toBe(201);
    const before = await catalogCounts(session.api);
    const refused = await importFile('Reception');
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: 'name_taken',
      message: 'a flow named "Reception" already exists; import it as "Reception (2)" or rename it',
      name: 'Reception',
      suggestedName: 'Reception (2)',
    });
    expect(await catalogCounts(session.api)).toEqual(before);
    expect(await flowsNamed('Reception')).toBe(1);
  });

  it('imports under the suggested name when asked to rename, counting on from the taken numbers', async () => {
    expect((await importFile('Night line')).status).toBe(201);
    const second = await importFile('Night line', '?onNameTaken=rename');
    expect(second.status).toBe(201);
    expect(second.body.flow.name).toBe('Night line (2)');
    const third = await importFile('Night line', '?onNameTaken=rename');
    expect(third.body.flow.name).toBe('Night line (3)');
    // A file already numbered counts on too, instead of "Night line (2) (2)".
    expect((await importFile('Night line (2)', '?onNameTaken=rename')).body.flow.name).toBe('Night line (4)');
    const audit = await session.api.db.prisma.auditEvent.findFirst({
      where: { target: third.body.flow.id, action: 'import' },
    });
    expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({ name: 'Night line (3)' });
  });

  it('checks the name given with ?name= the same way', async () => {
    expect((await importFile('Original', '?name=Chosen')).body.flow.name).toBe('Chosen');
    const taken = await importFile('Original', '?name=Chosen');
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ name: 'Chosen', suggestedName: 'Chosen (2)' });
    expect((await importFile('Original', '?name=Chosen%20again')).status).toBe(201);
  });

  it('treats % and _ in a name as letters, and another case as another name', async () => {
    expect((await importFile('100% off_peak')).status).toBe(201);
    expect((await importFile('1000 offXpeak (2)')).status).toBe(201);
    expect((await importFile('100% off_peak', '?onNameTaken=rename')).body.flow.name).toBe(
      '100% off_peak (2)',
    );
    expect((await importFile('100% OFF_PEAK')).status).toBe(201);
  });

  it('finds a long name’s shortened copies taken, so a 120-character name never gets a name twice', async () => {
    const long = 'A'.repeat(120);
    expect((await importFile(long)).status).toBe(201);
    // The copies are "A…A (2)" with 116 letters: they do not start with the 120-letter name.
    const second = await importFile(long, '?onNameTaken=rename');
    expect(second.body.flow.name).toBe(`${'A'.repeat(116)} (2)`);
    const refused = await importFile(long);
    expect(refused.status).toBe(409);
    expect(refused.body.suggestedName).toBe(`${'A'.repeat(116)} (3)`);
    const third = await importFile(long, '?onNameTaken=rename');
    expect(third.body.flow.name).toBe(`${'A'.repeat(116)} (3)`);
    expect(await flowsNamed(`${'A'.repeat(116)} (2)`)).toBe(1);
    expect(await flowsNamed(`${'A'.repeat(116)} (3)`)).toBe(1);
  });

  it('counts on past more copies than one look-up checks', async () => {
    await session.api.db.prisma.flow.createMany({
      data: Array.from({ length: 120 }, (_, index) => ({
        name: index === 0 ? 'Busy line' : `Busy line (${index + 1})`,
        document: JSON.stringify(playFlow('1')),
      })),
    });
    const renamed = await importFile('Busy line', '?onNameTaken=rename');
    expect(renamed.body.flow.name).toBe('Busy line (121)');
  });

  it('refuses an unknown onNameTaken with 400, naming the query field', async () => {
    const refused = await importFile('Anything', '?onNameTaken=overwrite');
    expect(refused.status).toBe(400);
    expect(refused.body.problems?.[0]?.path).toBe('query.onNameTaken');
  });
});
