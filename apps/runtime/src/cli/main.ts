import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '@callflow/db';
import { type FlowProblem, readFlowFile, toFlowExport, validateFlow } from '@callflow/flow';
import { CatalogError } from '../catalog/CatalogError.ts';
import { publishFlow } from '../catalog/publishFlow.ts';
import { unpublishExtension } from '../catalog/unpublishExtension.ts';

const usage = `usage: npm run callflow -- <command>

  validate <file>                         check a flow file and list every problem
  publish <file> --extension <n> [--name <name>] [--note <text>] [--replace]
                                          publish a flow file to an extension
  unpublish <extension>                   take an extension offline
  list                                    what is published where, and the flows
  export <flow name or id> [--version <n>] [--out <file>]
                                          write a flow (draft or version) as a flow file

DATABASE_URL selects the database (default: data/callflow.db).`;

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

async function withDatabase<T>(action: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(process.env.DATABASE_URL);
  try {
    return await action(db);
  } finally {
    await db.close();
  }
}

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      extension: { type: 'string' },
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
      const extension = values.extension;
      const result = await withDatabase((db) =>
        publishFlow(db, {
          name: values.name ?? file.name,
          document,
          extension,
          note: values.note ?? '',
          author: process.env.USER ?? null,
          replace: values.replace ?? false,
        }),
      );
      out(
        `published "${values.name ?? file.name}" version ${result.versionNumber} to extension ${extension}`,
      );
      if (result.replacedFlow !== null) out(`  (replaced flow "${result.replacedFlow}")`);
      return 0;
    }
    case 'unpublish': {
      if (target === undefined) throw new UsageError('unpublish needs an extension');
      const result = await withDatabase((db) => unpublishExtension(db, target));
      out(`unpublished extension ${target} (was "${result.flowName}" version ${result.versionNumber})`);
      return 0;
    }
    case 'list': {
      await withDatabase(async (db) => {
        const publications = await db.prisma.publication.findMany({
          include: { flowVersion: { include: { flow: true } } },
          orderBy: { extension: 'asc' },
        });
        out(publications.length === 0 ? 'no extension is published' : 'EXTENSION  FLOW  VERSION  PUBLISHED');
        for (const p of publications)
          out(
            `${p.extension}  ${p.flowVersion.flow.name}  v${p.flowVersion.number}  ${p.publishedAt.toISOString()}`,
          );
        const flows = await db.prisma.flow.findMany({
          orderBy: { name: 'asc' },
          include: { _count: { select: { versions: true } } },
        });
        out(`\n${flows.length} flow(s)`);
        for (const flow of flows) out(`  ${flow.name}  (${flow._count.versions} version(s), id ${flow.id})`);
      });
      return 0;
    }
    case 'export': {
      if (target === undefined) throw new UsageError('export needs a flow name or id');
      const exported = await withDatabase(async (db) => {
        const flow = await db.prisma.flow.findFirst({ where: { OR: [{ id: target }, { name: target }] } });
        if (flow === null) throw new CatalogError(`no flow named or with id "${target}"`);
        if (values.version === undefined) return toFlowExport(flow.name, JSON.parse(flow.document));
        const number = Number(values.version);
        if (!Number.isInteger(number) || number < 1)
          throw new UsageError(`--version must be a version number like 3, not "${values.version}"`);
        const version = await db.prisma.flowVersion.findFirst({ where: { flowId: flow.id, number } });
        if (version === null) throw new CatalogError(`flow "${flow.name}" has no version ${values.version}`);
        return toFlowExport(flow.name, JSON.parse(version.document));
      });
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
        error instanceof CatalogError ||
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
