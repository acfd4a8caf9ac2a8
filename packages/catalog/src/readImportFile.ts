import { type FlowDraft, flowName, requestProblem } from '@callflow/contract';
import {
  type FlowDocument,
  type FlowProblem,
  flowExport,
  migrateFlowDocument,
  schemaVersionProblem,
} from '@callflow/flow';
import { errorProblems, joinPath } from './flowProblems.ts';
import { parseFlowDraft } from './parseFlowDraft.ts';
import { shortJson } from './shortJson.ts';

export type ImportFile =
  | {
      readonly ok: true;
      readonly name: string;
      /** The flow's draft, as a draft save keeps it: it may have problems to fix before publishing. */
      readonly draft: FlowDraft;
      /** The draft as a valid flow document (for checks of a valid flow), or null when it has errors. */
      readonly document: FlowDocument | null;
      /** Every validation problem of the draft, errors and warnings, with paths into the file. */
      readonly problems: readonly FlowProblem[];
      /** Where the document is in the file (`document`, or `` for a bare one): the prefix of problem paths. */
      readonly documentPath: string;
      /** The format the file was written in; older ones were migrated to the current one. */
      readonly schemaVersion: number;
    }
  | { readonly ok: false; readonly problems: readonly FlowProblem[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks everything in an uploaded flow file and lists every problem, with paths into the file
 * (`name`, `schemaVersion`, `document.nodes.2.kind`...). The file is an export
 * (`{ format: "callflow.flow", schemaVersion, name, document }`, what GET /flows/:id/export and
 * `callflow export` write) or a bare flow document (`{ schemaVersion, nodes, edges }`), whose name
 * must then come from `nameOverride` (the `name` query parameter, which also renames an export).
 * Documents in an older format are migrated (migrateFlowDocument) before they are read as a draft,
 * as creating a flow does (parseFlowDraft): a document with the shape of a flow draft is imported even
 * with validation errors (a field out of range, as an export of a draft with problems has), which are
 * returned; one that is not even a flow draft is refused with every problem.
 */
export function readImportFile(file: unknown, nameOverride: string | undefined): ImportFile {
  const problems: FlowProblem[] = [];
  const refuse = (path: string, message: string) =>
    problems.push(requestProblem(path, message, 'invalid-file'));

  let name: string | undefined;
  if (nameOverride !== undefined) {
    const parsed = flowName.safeParse(nameOverride);
    if (parsed.success) name = parsed.data;
    else for (const issue of parsed.error.issues) refuse('query.name', issue.message);
  }
  if (!isPlainObject(file)) {
    refuse('', 'This is not a Callflow flow file: export the flow from Callflow and import that file');
    return { ok: false, problems };
  }

  const bare = !('format' in file) && 'nodes' in file;
  const documentPath = bare ? '' : 'document';
  const document: unknown = bare ? file : file.document;
  const fileVersion: unknown = file.schemaVersion;
  if (bare) {
    if (nameOverride === undefined)
      refuse('query.name', 'The flow in this file has no name: give it a name when you import it');
  } else {
    const envelope = flowExport.safeParse(file);
    for (const issue of envelope.success ? [] : envelope.error.issues) {
      const [field] = issue.path;
      // The version and the document get clearer messages below; an overriding name replaces the file's.
      if (
        field === 'schemaVersion' ||
        field === 'document' ||
        (field === 'name' && nameOverride !== undefined)
      )
        continue;
      refuse(issue.path.map(String).join('.'), issue.message);
    }
    if (envelope.success) name ??= envelope.data.name;
    if (!('document' in file))
      refuse('document', 'This file has no flow in it: export the flow again from Callflow');
  }

  // Without a readable version the document cannot be checked: its format is unknown.
  const versionProblem = schemaVersionProblem(fileVersion);
  if (versionProblem !== null) {
    refuse('schemaVersion', versionProblem);
    return { ok: false, problems };
  }
  if (
    !bare &&
    isPlainObject(document) &&
    'schemaVersion' in document &&
    document.schemaVersion !== fileVersion
  ) {
    refuse(
      'document.schemaVersion',
      `The flow in this file says it was made in flow format ${shortJson(document.schemaVersion)}, but the file says format ${fileVersion}: export the flow again from Callflow`,
    );
    return { ok: false, problems };
  }
  if (!bare && !('document' in file)) return { ok: false, problems };
  const migrated = migrateFlowDocument(document, fileVersion);
  if (!migrated.ok) {
    refuse(documentPath, migrated.message);
    return { ok: false, problems };
  }
  const read = parseFlowDraft(migrated.document);
  if (!read.ok) problems.push(...errorProblems(read.problems, documentPath));
  if (!read.ok || problems.length > 0 || name === undefined || typeof fileVersion !== 'number') {
    // Past the checks above these only fail along with a listed problem; the guard keeps the types honest.
    return { ok: false, problems };
  }
  return {
    ok: true,
    name,
    draft: read.draft,
    document: read.validation.document,
    problems: read.validation.problems.map((problem) => ({
      ...problem,
      path: joinPath(documentPath, problem.path),
    })),
    documentPath,
    schemaVersion: fileVersion,
  };
}
