/**
 * Shared set-up of the flow, publication and import suites: the real API on a fresh database with one
 * logged-in client per role, flow documents to send, and counts of what the catalog holds.
 */
import type { FlowDocumentInput } from '@callflow/flow';
import { afterAll, beforeAll } from 'vitest';
import { loginAs, type RoleClients, testAdminEnv } from './loginAs.ts';
import { type Engine, startTestApi, type TestApi } from './startTestApi.ts';

export interface FlowTestSession {
  readonly api: TestApi;
  readonly as: RoleClients;
}

export async function startFlowTestSession(engine: Engine): Promise<FlowTestSession> {
  const api = await startTestApi(engine, testAdminEnv);
  return { api, as: await loginAs(api) };
}

/**
 * For the tests of one suite: the API started before the first test and stopped after the last. Read
 * `api` and `as` inside tests and hooks, not at load time.
 */
export function useFlowTestSession(engine: Engine): FlowTestSession {
  // Filled in before the first test, as the runtime's useDatabaseAndFakeAri does.
  const session = {} as { api: TestApi; as: RoleClients };
  beforeAll(async () => {
    Object.assign(session, await startFlowTestSession(engine));
  }, 60_000);
  afterAll(async () => {
    await session.api?.stop();
  });
  return session;
}

/** Start → answer → menu (1: sales, 2: support) → play → hang up: valid, no warnings. */
export function menuFlow(): FlowDocumentInput {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'start', kind: 'start', options: {} },
      { id: 'answer', kind: 'answer', label: 'Pick up', position: { x: 200, y: 0 }, options: {} },
      {
        id: 'menu',
        kind: 'menu',
        label: 'Main menu',
        position: { x: 400, y: 0 },
        options: {
          prompts: [{ type: 'sound', name: 'hello-world' }],
          choices: [
            { digit: '1', label: 'Sales' },
            { digit: '2', label: 'Support' },
          ],
        },
      },
      { id: 'sales', kind: 'play', options: { prompts: [{ type: 'digits', value: '1' }] } },
      { id: 'support', kind: 'play', options: { prompts: [{ type: 'digits', value: '2' }] } },
      { id: 'bye', kind: 'hangup', options: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', port: 'next', target: 'answer' },
      { id: 'e2', source: 'answer', port: 'next', target: 'menu' },
      { id: 'e3', source: 'menu', port: '1', target: 'sales' },
      { id: 'e4', source: 'menu', port: '2', target: 'support' },
      { id: 'e5', source: 'menu', port: 'timeout', target: 'bye' },
      { id: 'e6', source: 'menu', port: 'invalid', target: 'bye' },
      { id: 'e7', source: 'sales', port: 'next', target: 'bye' },
      { id: 'e8', source: 'support', port: 'next', target: 'bye' },
      { id: 'e9', source: 'sales', port: 'error', target: 'bye' },
      { id: 'e10', source: 'support', port: 'error', target: 'bye' },
    ],
  };
}

/** The menu flow with its required prompts cleared and a timeout far out of range, as an editor leaves it. */
export function halfEditedMenu(): {
  schemaVersion: number;
  nodes: Record<string, unknown>[];
  edges: unknown[];
} {
  const document = structuredClone(menuFlow()) as unknown as {
    schemaVersion: number;
    nodes: Record<string, unknown>[];
    edges: unknown[];
  };
  const menu = document.nodes.find((node) => node.id === 'menu');
  if (menu === undefined) throw new Error('the menu flow has no menu');
  menu.options = { ...(menu.options as object), prompts: [], timeoutSeconds: 9999 };
  return document;
}

/** Start → play a number → hang up, with the digits to play; valid. */
export function playFlow(digits: string): FlowDocumentInput {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'start', kind: 'start', options: {} },
      { id: 'say', kind: 'play', options: { prompts: [{ type: 'digits', value: digits }] } },
      { id: 'bye', kind: 'hangup', options: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', port: 'next', target: 'say' },
      { id: 'e2', source: 'say', port: 'next', target: 'bye' },
      { id: 'e3', source: 'say', port: 'error', target: 'bye' },
    ],
  };
}

/** A flow document with a validation error (a connection to a node that does not exist). */
export function brokenFlow(): FlowDocumentInput {
  return {
    schemaVersion: 1,
    nodes: [{ id: 'start', kind: 'start', options: {} }],
    edges: [{ id: 'e1', source: 'start', port: 'next', target: 'nowhere' }],
  };
}

/** How many flows, versions, publications and audit events the database holds. */
export async function catalogCounts(api: TestApi): Promise<Record<string, number>> {
  const { prisma } = api.db;
  return {
    flows: await prisma.flow.count(),
    versions: await prisma.flowVersion.count(),
    publications: await prisma.publication.count(),
    auditEvents: await prisma.auditEvent.count(),
  };
}

export interface FlowView {
  id: string;
  name: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  versionCount: number;
  latestVersion: number | null;
  publications: { extension: string; version: number; versionId: string; publishedAt: string }[];
  document: FlowDocumentInput;
}

export interface ProblemView {
  path: string;
  message: string;
  code?: string;
  nodeId?: string;
}

export interface ErrorView {
  error: string;
  message: string;
  problems?: ProblemView[];
  [key: string]: unknown;
}
