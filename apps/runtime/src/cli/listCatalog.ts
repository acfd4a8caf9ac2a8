import { type FlowListPosition, listFlows, listPublications } from '@callflow/catalog';
import type { FlowSummary } from '@callflow/contract';
import type { Database } from '@callflow/db';

/** Every flow, by name then id, read a page at a time. */
async function allFlows(db: Database): Promise<FlowSummary[]> {
  const flows: FlowSummary[] = [];
  let after: FlowListPosition | null = null;
  do {
    const page: Awaited<ReturnType<typeof listFlows>> = await listFlows(db, {
      search: '',
      after,
      limit: 200,
    });
    flows.push(...page.flows);
    after = page.next;
  } while (after !== null);
  return flows;
}

/** The lines of `callflow list`: what is live on which extension, then every flow with its id. */
export async function listCatalog(db: Database): Promise<string[]> {
  const publications = await listPublications(db);
  const flows = await allFlows(db);
  return [
    publications.length === 0 ? 'no extension is published' : 'EXTENSION  FLOW  VERSION  PUBLISHED',
    ...publications.map(
      (publication) =>
        `${publication.extension}  ${publication.flowName}  v${publication.version}  ${publication.publishedAt}`,
    ),
    `\n${flows.length} flow(s)`,
    ...flows.map((flow) => `  ${flow.name}  (${flow.versionCount} version(s), id ${flow.id})`),
  ];
}
