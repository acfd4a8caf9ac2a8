import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CatalogError, exportFlow, type FlowReference, publish, unpublish } from '@callflow/catalog';
import { type FlowProblem, readFlowFile, validateFlow } from '@callflow/flow';
import { listCatalog } from './listCatalog.ts';
import { withDatabase } from './withDatabase.ts';

const usage = `usage: npm run callflow -- <command>

  validate <file>                         check a flow file and list every problem
  publish <file> --extension <n> [--flow <id> | --name <name>] [--note <text>] [--replace]
                                          publish a flow file to an extension, as the next
                                          version of the flow with that id, or of the one flow
                                          with that name (default: the file's; created if none)
  unpublish <extension>                   take an extension offline
  list                                    what is published where, and the flows with their ids
  export <flow id or name> [--version <n>] [--out <file>]
                                          write a flow (draft or version) as a flow file

A name must name exactly one flow; when several flows share it, give the id (see list).
Changes are audited as cli:<your user name>. DATABASE_URL selects the database (default:
data/callflow.db).`;

/** A failure to report in one line with exit code 1; nothing was changed. */
class UsageError extends Error {}

function formatProblem(problem: FlowProblem): string {
  const where = [problem.path, problem.nodeId === null ? '' : `node ${problem.nodeId}`]
    .filter(Boolean)
    .join(', ');
  return `  ${problem.severity === 'error' ? 'error  ' : 'warning'} ${problem.message}${where ? `  (${where})` : ''}`;
}

async function loadFlowFile(path: string): Promise<{ name: string; document: unknown }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const file = readFlowFile(json, basename(path, extname(path)));
  if ('error' in file) throw new UsageError(`${path}: ${file.error}`);
  return file;
}

/** Validates a file and prints its problems; returns the parsed document only when it has no errors. */
async function checkFile(path: string, out: (line: string) => void) {
  const file = await loadFlowFile(path);
  const result = validateFlow(file.document);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  if (result.problems.length > 0) out(`${path}: ${errors} error(s), ${warnings} warning(s)`);
  for (const problem of result.problems) out(formatProblem(problem));
  return { file, document: result.ok ? result.document : null };
}

/**
 * Who the audit log says made a change from the CLI: `cli:` and the operating system user, so it
 * cannot be taken for an API user of the same name.
 */
export function cliActor(): string {
  let name = process.env.USER ?? '';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): $USER, else unknown.
  }
  return `cli:${name === '' ? 'unknown' : name}`;
}

/** The catalog's refusal in the CLI's words (how to take an extension over is `--replace`). */
function cliMessage(error: CatalogError): string {
  switch (error.code) {
    case 'extension_taken':
      return `${error.message}; use --replace to take it over`;
    case 'ambiguous_flow_name':
      return `${error.message} (--flow <id>; \`list\` shows them)`;
    default:
      return error.message;
  }
}

/**
 * Runs one CLI command; its output goes to `out`. A refusal (bad usage, or the catalog refusing a
 * change, which then changed nothing) rejects with a UsageError whose message is the line to print.
 */
export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  try {
    return await runCommand(argv, out);
  } catch (error) {
    if (error instanceof CatalogError) throw new UsageError(cliMessage(error));
    throw error;
  }
}

async function runCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      extension: { type: 'string' },
      flow: { type: 'string' },
      name: { type: 'string' },
      note: { type: 'string', default: '' },
      replace: { type: 'boolean', default: false },
      version: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, target] = positionals;
  if (values.help || command === undefined) {
    out(usage);
    return command === undefined && !values.help ? 2 : 0;
  }
  switch (command) {
    case 'validate': {
      if (target === undefined) throw new UsageError('validate needs a file');
      const { document } = await checkFile(target, out);
      if (document === null) return 1;
      out(`${target}: valid (${document.nodes.length} nodes, ${document.edges.length} connections)`);
      return 0;
    }
    case 'publish': {
      if (target === undefined) throw new UsageError('publish needs a file');
      if (values.extension === undefined) throw new UsageError('publish needs --extension <number>');
      const { file, document } = await checkFile(target, out);
      if (document === null) {
        out('not published: fix the errors above first');
        return 1;
      }
      if (values.flow !== undefined && values.name !== undefined)
        throw new UsageError('publish takes --flow <id> or --name <name>, not both');
      const extension = values.extension;
      const flow: FlowReference =
        values.flow === undefined ? { name: values.name ?? file.name } : { id: values.flow };
      const result = await withDatabase((db) =>
        publish(
          db,
          {
            extension,
            flow,
            source: { kind: 'document', document },
            note: values.note ?? '',
            replace: values.replace ?? false,
          },
          cliActor(),
        ),
      );
      const { publication, previous } = result;
      out(`published "${publication.flowName}" version ${publication.version} to extension ${extension}`);
      if (previous !== null && previous.flowId !== publication.flowId)
        out(`  (replaced flow "${previous.flowName}")`);
      return 0;
    }
    case 'unpublish': {
      if (target === undefined) throw new UsageError('unpublish needs an extension');
      const removed = await withDatabase((db) => unpublish(db, target, cliActor()));
      out(`unpublished extension ${target} (was "${removed.flowName}" version ${removed.version})`);
      return 0;
    }
    case 'list': {
      for (const line of await withDatabase(listCatalog)) out(line);
      return 0;
    }
    case 'export': {
      if (target === undefined) throw new UsageError('export needs a flow name or id');
      let version: number | undefined;
      if (values.version !== undefined) {
        version = Number(values.version);
        if (!Number.isInteger(version) || version < 1)
          throw new UsageError(`--version must be a version number like 3, not "${values.version}"`);
      }
      const { file: exported } = await withDatabase((db) =>
        exportFlow(db, { flow: { idOrName: target }, version }),
      );
      const text = `${JSON.stringify(exported, null, 2)}\n`;
      if (values.out === undefined) out(text.trimEnd());
      else {
        await writeFile(values.out, text);
        out(`wrote ${values.out}`);
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${usage}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (
        error instanceof UsageError ||
        (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ) {
        process.stderr.write(`callflow: ${(error as Error).message}\n`);
        process.exit(1);
      }
      process.stderr.write(
        `callflow: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
