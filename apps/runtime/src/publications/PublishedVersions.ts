import { type DirectDatabase, readFlowVersion, readVersionAudio } from '@callflow/db';
import { FlowGraph, validateFlow } from '@callflow/flow';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import type { LoadedVersion } from '../engine/CallSession.ts';
import type { Logger } from '../log/Logger.ts';
import { PinnedAudio } from '../media/PinnedAudio.ts';

/**
 * The flow versions publications point at, read once each with the audio they pinned (versions are
 * immutable) and validated before they are served. A version that fails validation is remembered as broken: logged and
 * recorded once, never served.
 */
export class PublishedVersions {
  readonly #loaded = new Map<string, LoadedVersion>();
  readonly #broken = new Set<string>();

  constructor(
    private readonly db: DirectDatabase,
    private readonly logger: Logger,
    private readonly callLog: CallLogWriter,
    private readonly where: { asteriskServer: string },
  ) {}

  /** The version, or undefined when it does not exist or is invalid. Throws when the database fails. */
  async load(versionId: string): Promise<LoadedVersion | undefined> {
    const cached = this.#loaded.get(versionId);
    if (cached !== undefined || this.#broken.has(versionId)) return cached;
    const row = await readFlowVersion(this.db.sql, versionId);
    if (row === undefined) return undefined;
    let document: unknown;
    try {
      document = JSON.parse(row.document);
    } catch {
      document = null;
    }
    const validation = validateFlow(document);
    if (!validation.ok || validation.document === null) {
      this.#broken.add(versionId);
      const problems = validation.problems.filter((p) => p.severity === 'error').map((p) => p.message);
      this.logger.error('published version is invalid; not serving it', {
        version: versionId,
        problems: problems.join(' | '),
      });
      this.callLog.runtimeEvent({
        level: 'error',
        type: 'version_invalid',
        message: `version ${row.number} of flow ${row.flowId} is invalid and is not served: ${problems.join(' | ')}`,
        asteriskServer: this.where.asteriskServer,
      });
      return undefined;
    }
    const version = {
      id: row.id,
      flowId: row.flowId,
      number: row.number,
      graph: new FlowGraph(validation.document),
      audio: new PinnedAudio(await readVersionAudio(this.db.sql, versionId)),
    };
    this.#loaded.set(versionId, version);
    return version;
  }
}
