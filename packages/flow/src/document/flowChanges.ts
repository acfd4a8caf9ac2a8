import { nodeKinds } from '../nodes/nodeKinds.ts';
import { nodeDisplayName } from './nodeDisplayName.ts';

/** A node as either document has it: a draft's options may be half filled in or out of range. */
export interface ComparedNode {
  readonly id: string;
  readonly kind: string;
  readonly label?: string | undefined;
  readonly options?: unknown;
}

/** A draft or a version: its nodes, and its connections (a node's outcome port to the next node). */
export interface ComparedDocument {
  readonly nodes: readonly ComparedNode[];
  readonly edges: readonly { readonly source: string; readonly port: string; readonly target: string }[];
}

/**
 * One difference between a draft and a version, naming the node as users see it (nodeDisplayName:
 * the draft's name for a node still there, the version's for one removed). Where a node only moved
 * on the canvas there is no change: callers hear the same.
 */
export type FlowChange =
  | { readonly type: 'added'; readonly nodeId: string; readonly name: string }
  | { readonly type: 'removed'; readonly nodeId: string; readonly name: string }
  /** `fields`: the form titles of the settings that differ ("Prompts"), "Label" first when renamed. */
  | {
      readonly type: 'changed';
      readonly nodeId: string;
      readonly name: string;
      readonly fields: readonly string[];
    }
  /** Where the node's outcomes lead is different (a connection added, removed or moved). */
  | { readonly type: 'connections'; readonly nodeId: string; readonly name: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether two JSON values are the same, whatever the order of object keys. */
function sameJson(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => sameJson(item, right[index]))
    );
  }
  if (!isRecord(left) || !isRecord(right)) return false;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => sameJson(left[key], right[key]));
}

function kindOf(kind: string) {
  return Object.hasOwn(nodeKinds, kind) ? nodeKinds[kind as keyof typeof nodeKinds] : undefined;
}

type SettingSchemas = Record<
  string,
  {
    meta(): { title?: string | undefined } | undefined;
    safeParse(value: unknown): { success: boolean; data?: unknown };
  }
>;

function settingSchemas(kind: string): SettingSchemas {
  return kindOf(kind)?.options.shape ?? {};
}

/**
 * A node's settings, each with its kind's default filled in and its value as the kind reads it when it
 * parses, as it is otherwise: a setting left out on one side and at its default on the other (a
 * version has every default) is no change, even beside a half filled-in field.
 */
function settingsOf(node: ComparedNode): Record<string, unknown> {
  const raw = isRecord(node.options) ? node.options : {};
  const settings: Record<string, unknown> = { ...raw };
  for (const [key, schema] of Object.entries(settingSchemas(node.kind))) {
    const parsed = schema.safeParse(raw[key]);
    if (parsed.success) settings[key] = parsed.data;
  }
  return settings;
}

/** The form title of one of a kind's settings ("Timeout (seconds)"), or its key if it has none. */
function settingTitle(kind: string, key: string): string {
  const schemas = settingSchemas(kind);
  return (Object.hasOwn(schemas, key) ? schemas[key]?.meta()?.title : undefined) ?? key;
}

function changedFields(draft: ComparedNode, version: ComparedNode): string[] {
  const fields = (draft.label ?? '').trim() === (version.label ?? '').trim() ? [] : ['Label'];
  const before = settingsOf(version);
  const after = settingsOf(draft);
  // In the kind's form order: its schema's keys, then any a half-filled draft has besides.
  const keys = [
    ...new Set([...Object.keys(settingSchemas(draft.kind)), ...Object.keys(after), ...Object.keys(before)]),
  ];
  for (const key of keys) {
    if (!sameJson(after[key], before[key])) fields.push(settingTitle(draft.kind, key));
  }
  return fields;
}

/** Where each node's outcomes lead: node id → sorted "port → target" entries. */
function connectionsOf(document: ComparedDocument): Map<string, string> {
  const byNode = new Map<string, string[]>();
  for (const edge of document.edges) {
    const list = byNode.get(edge.source) ?? [];
    list.push(JSON.stringify([edge.port, edge.target]));
    byNode.set(edge.source, list);
  }
  return new Map([...byNode].map(([node, list]) => [node, list.sort().join('\n')]));
}

/**
 * What a draft changes against a version (what callers hear now): nodes added, removed or changed
 * (with the titles of the settings that differ) in the draft's order, removed ones after, then where
 * a node's connections differ. Pure; positions on the canvas are no change.
 */
export function flowChanges(draft: ComparedDocument, version: ComparedDocument): FlowChange[] {
  const before = new Map(version.nodes.map((node) => [node.id, node]));
  const after = new Map(draft.nodes.map((node) => [node.id, node]));
  // A node whose kind changed under the same id is another node: removed, then added.
  const kept = (node: ComparedNode) => before.get(node.id)?.kind === node.kind;
  const changes: FlowChange[] = [];
  for (const node of draft.nodes) {
    const name = nodeDisplayName(node);
    const old = before.get(node.id);
    if (old === undefined || !kept(node)) changes.push({ type: 'added', nodeId: node.id, name });
    else {
      const fields = changedFields(node, old);
      if (fields.length > 0) changes.push({ type: 'changed', nodeId: node.id, name, fields });
    }
  }
  for (const node of version.nodes) {
    const now = after.get(node.id);
    if (now === undefined || !kept(now))
      changes.push({ type: 'removed', nodeId: node.id, name: nodeDisplayName(node) });
  }
  const leadsBefore = connectionsOf(version);
  const leadsAfter = connectionsOf(draft);
  for (const node of draft.nodes) {
    if (!kept(node)) continue;
    if ((leadsBefore.get(node.id) ?? '') !== (leadsAfter.get(node.id) ?? ''))
      changes.push({ type: 'connections', nodeId: node.id, name: nodeDisplayName(node) });
  }
  return changes;
}
