import type { RuntimeEventType } from '@callflow/contract';
import {
  type CallEnded,
  type CallStarted,
  callLogStatements,
  type DirectSql,
  isRefusedByDatabase,
  type NodeEntered,
  type SqlStatement,
  type StepRecorded,
} from '@callflow/db';
import { errorReason } from '../log/errorReason.ts';
import type { Logger } from '../log/Logger.ts';
import { alignedDelay } from '../timing/alignedDelay.ts';

export interface RuntimeEventRecorded {
  level: 'info' | 'warn' | 'error';
  type: RuntimeEventType;
  message: string;
  extension?: string;
  appName?: string;
  asteriskServer?: string;
}

/** Kinds of call log entries, as counted for metrics. */
export type CallLogEntryKind = 'call' | 'step' | 'position' | 'call_end' | 'event';

/** Told how many entries of a kind were written, or lost (for metrics). */
export interface CallLogCounters {
  written(kind: CallLogEntryKind, rows: number): void;
  dropped(kind: CallLogEntryKind, rows: number): void;
}

export interface CallLogWriterOptions {
  /** How long entries wait to be written together; default 250 ms (CALLFLOW_CALL_LOG_FLUSH_MS). */
  flushMs?: number;
  /** Steps and live call positions kept while the database is down; default 100 000 (CALLFLOW_CALL_LOG_BUFFER). */
  maxBufferedSteps?: number;
  counters?: CallLogCounters;
}

interface Pending {
  starts: CallStarted[];
  steps: StepRecorded[];
  /** Only the latest position of each call: a call through ten nodes between flushes costs one update. */
  positions: Map<string, NodeEntered>;
  ends: CallEnded[];
  events: (RuntimeEventRecorded & { at: Date })[];
}

const emptyPending = (): Pending => ({ starts: [], steps: [], positions: new Map(), ends: [], events: [] });

/**
 * Writes the call log in the background: calls record into memory and return at once, and batches
 * go to the database every `flushMs`. While the database is down entries stay buffered, up to
 * `maxBufferedSteps` steps and live call positions together; beyond that positions are dropped
 * first (the call's next node or its end replaces them anyway), then the oldest steps (never call
 * starts or ends). The loss is logged when it starts, so an operator hears of it during the outage,
 * and again with the counts once the database is back (or at shutdown if it never comes back).
 */
export class CallLogWriter {
  readonly #flushMs: number;
  readonly #maxBufferedSteps: number;
  readonly #counters: CallLogCounters | undefined;
  #pending = emptyPending();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #failingSince: Date | undefined;
  #dropped = 0;
  #droppedPositions = 0;
  /** The start of the current loss was logged (once per outage, per kind). */
  #stepLossLogged = false;
  #positionLossLogged = false;

  constructor(
    private readonly sql: DirectSql,
    private readonly logger: Logger,
    options: CallLogWriterOptions = {},
  ) {
    this.#flushMs = options.flushMs ?? 250;
    this.#maxBufferedSteps = options.maxBufferedSteps ?? 100_000;
    this.#counters = options.counters;
  }

  callStarted(call: CallStarted): void {
    this.#pending.starts.push(call);
    this.#schedule();
  }

  stepRecorded(step: StepRecorded): void {
    this.#pending.steps.push(step);
    this.#trim();
    this.#schedule();
  }

  /** Where the call is now; replaces the position of the same call not written yet. */
  nodeEntered(position: NodeEntered): void {
    const { positions } = this.#pending;
    // Re-inserted so that the map stays ordered by last move: the bound drops the stalest first.
    positions.delete(position.callId);
    positions.set(position.callId, position);
    this.#trim();
    this.#schedule();
  }

  /** Also clears the call's position, in the same update that sets its end. */
  callEnded(end: CallEnded): void {
    this.#pending.positions.delete(end.callId);
    this.#pending.ends.push(end);
    this.#schedule();
  }

  runtimeEvent(event: RuntimeEventRecorded): void {
    this.#pending.events.push({ ...event, at: new Date() });
    if (this.#pending.events.length > maxBufferedEvents) {
      this.#pending.events.shift();
      this.#counters?.dropped('event', 1);
    }
    this.#schedule();
  }

  /** Entries waiting in memory, by kind. */
  get buffered(): Record<CallLogEntryKind, number> {
    const { starts, steps, positions, ends, events } = this.#pending;
    return {
      call: starts.length,
      step: steps.length,
      position: positions.size,
      call_end: ends.length,
      event: events.length,
    };
  }

  /** True from a failed write until the next one that succeeds. */
  get databaseDown(): boolean {
    return this.#failingSince !== undefined;
  }

  get bufferedSteps(): number {
    return this.#pending.steps.length;
  }

  get bufferedPositions(): number {
    return this.#pending.positions.size;
  }

  /** Writes everything recorded so far (waits for a flush already running). */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#isEmpty(this.#pending)) return;
    const batch = this.#pending;
    this.#pending = emptyPending();
    this.#flushing = this.#write(batch).finally(() => {
      this.#flushing = undefined;
    });
    await this.#flushing;
  }

  /** Final flush on shutdown; gives up after `timeoutMs` and says how much was not written. */
  async close(timeoutMs = 5000): Promise<void> {
    clearTimeout(this.#timer);
    const deadline = Date.now() + timeoutMs;
    while (!this.#isEmpty(this.#pending) && Date.now() < deadline) {
      await this.flush();
      if (!this.#isEmpty(this.#pending)) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (!this.#isEmpty(this.#pending)) {
      const { starts, steps, positions, ends } = this.#pending;
      this.logger.error('call log not written before shutdown', {
        calls: starts.length,
        steps: steps.length,
        positions: positions.size,
        ends: ends.length,
        // Dropped earlier in the same outage: otherwise said only when the database answers again.
        droppedSteps: this.#dropped,
        droppedPositions: this.#droppedPositions,
      });
    }
  }

  #isEmpty(pending: Pending): boolean {
    return (
      pending.starts.length +
        pending.steps.length +
        pending.positions.size +
        pending.ends.length +
        pending.events.length ===
      0
    );
  }

  /** Keeps steps and positions within `maxBufferedSteps`: positions go first, then the oldest steps. */
  #trim(): void {
    const { steps, positions } = this.#pending;
    let excess = steps.length + positions.size - this.#maxBufferedSteps;
    for (const callId of positions.keys()) {
      if (excess <= 0) break;
      positions.delete(callId);
      this.#droppedPositions++;
      this.#counters?.dropped('position', 1);
      excess--;
      if (!this.#positionLossLogged) {
        this.#positionLossLogged = true;
        this.logger.warn('call log buffer full: dropping live call positions until the database answers', {
          maxBufferedSteps: this.#maxBufferedSteps,
        });
      }
    }
    if (excess > 0) {
      steps.splice(0, excess);
      this.#dropped += excess;
      this.#counters?.dropped('step', excess);
      if (!this.#stepLossLogged) {
        this.#stepLossLogged = true;
        this.logger.error('call log buffer full: dropping the oldest steps until the database answers', {
          maxBufferedSteps: this.#maxBufferedSteps,
        });
      }
    }
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        void this.flush();
      },
      alignedDelay(this.#failingSince === undefined ? this.#flushMs : 1000),
    );
    this.#timer.unref();
  }

  async #write(batch: Pending): Promise<void> {
    try {
      await this.sql.transaction(statementsOf(batch).map(({ statement }) => statement));
      this.#counted(batch);
      this.#recovered();
    } catch (error) {
      // One bad entry (e.g. a call already written by a commit whose answer was lost) must not
      // block the log forever: write the batch entry by entry and skip only what the database refuses.
      if (isRefusedByDatabase(error)) await this.#writeEachOf(batch);
      else this.#requeue(batch, error);
    }
  }

  async #writeEachOf(batch: Pending): Promise<void> {
    let refused = 0;
    for (const { kind, statement } of statementsOf(batch)) {
      try {
        await this.sql.transaction([statement]);
        this.#counters?.written(kind, 1);
      } catch (error) {
        if (!isRefusedByDatabase(error)) {
          this.#requeue(batch, error);
          return;
        }
        refused++;
        this.#counters?.dropped(kind, 1);
        this.logger.error('the database refused a call log entry; skipped it', {
          reason: errorReason(error),
        });
      }
    }
    if (refused === 0) this.#recovered();
  }

  #counted(batch: Pending): void {
    const counters = this.#counters;
    if (counters === undefined) return;
    counters.written('call', batch.starts.length);
    counters.written('step', batch.steps.length);
    counters.written('position', batch.positions.size);
    counters.written('call_end', batch.ends.length);
    counters.written('event', batch.events.length);
  }

  #recovered(): void {
    if (this.#failingSince !== undefined) {
      this.logger.info('call log database reachable again; buffered entries written', {
        downSince: this.#failingSince.toISOString(),
      });
      this.#failingSince = undefined;
    }
    if (this.#dropped > 0) {
      this.logger.error('call log buffer was full: oldest steps were dropped', {
        droppedSteps: this.#dropped,
      });
      this.#dropped = 0;
    }
    if (this.#droppedPositions > 0) {
      this.logger.warn('call log buffer was full: live call positions were dropped', {
        droppedPositions: this.#droppedPositions,
      });
      this.#droppedPositions = 0;
    }
    this.#stepLossLogged = false;
    this.#positionLossLogged = false;
  }

  /** Puts a batch back in front of anything recorded meanwhile, to retry later. */
  #requeue(batch: Pending, error: unknown): void {
    const newer = this.#pending;
    const positions = new Map(batch.positions);
    for (const [callId, position] of newer.positions) {
      positions.delete(callId);
      positions.set(callId, position);
    }
    for (const end of newer.ends) positions.delete(end.callId);
    this.#pending = {
      starts: [...batch.starts, ...newer.starts],
      steps: [...batch.steps, ...newer.steps],
      positions,
      ends: [...batch.ends, ...newer.ends],
      events: [...batch.events, ...newer.events],
    };
    const excessEvents = this.#pending.events.length - maxBufferedEvents;
    if (excessEvents > 0) {
      this.#pending.events.splice(0, excessEvents);
      this.#counters?.dropped('event', excessEvents);
    }
    // What was recorded during the failed write was bounded on its own: bound the two together.
    this.#trim();
    if (this.#failingSince === undefined) {
      this.#failingSince = new Date();
      this.logger.error('cannot write the call log; keeping entries in memory and retrying', {
        reason: errorReason(error),
      });
    }
    this.#schedule();
  }
}

/** Runtime events kept while the database is down; older ones are dropped first. */
const maxBufferedEvents = 10_000;

/**
 * A batch's writes in the order they must run: positions after the starts (the row must exist) and
 * before the ends (which clear them).
 */
function statementsOf(batch: Pending): { kind: CallLogEntryKind; statement: SqlStatement }[] {
  return [
    ...batch.starts.map((start) => ({
      kind: 'call' as const,
      statement: callLogStatements.callStarted(start),
    })),
    ...batch.steps.map((step) => ({
      kind: 'step' as const,
      statement: callLogStatements.stepRecorded(step),
    })),
    ...[...batch.positions.values()].map((position) => ({
      kind: 'position' as const,
      statement: callLogStatements.nodeEntered(position),
    })),
    ...batch.ends.map((end) => ({ kind: 'call_end' as const, statement: callLogStatements.callEnded(end) })),
    ...batch.events.map((event) => ({
      kind: 'event' as const,
      statement: callLogStatements.runtimeEvent(event),
    })),
  ];
}
