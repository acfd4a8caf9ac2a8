import type { CallItem, StepItem } from '@callflow/contract';
import type { Call, Prisma } from '@callflow/db';
import type { Response } from 'express';
import type { ApiServices } from '../../http/ApiServices.ts';
import type { LiveStreamRequest, LiveStreamTicket } from '../../http/LiveStreams.ts';
import { toCallItems, toStepItem } from './callViews.ts';
import { IdCursor } from './IdCursor.ts';

export interface CallStreamOptions {
  /** How often the database is asked for changes. */
  readonly pollMs: number;
  /** How often a comment line keeps proxies and the browser from timing the stream out. */
  readonly heartbeatMs: number;
  /**
   * Calls started or ended this recently are compared with what the stream has sent; covers the
   * runtime's write delay and clock differences between the runtime and the API.
   */
  readonly lookbackMs: number;
  /** How long a skipped step id is awaited (see IdCursor). */
  readonly gapGraceMs: number;
}

export const defaultCallStreamOptions: CallStreamOptions = {
  pollMs: 500,
  heartbeatMs: 15_000,
  lookbackMs: 30_000,
  gapGraceMs: 30_000,
};

/** Most steps read per poll; when there are more, the next poll follows at once. */
const STEP_BATCH = 500;
/** Most calls compared per poll (live ones and recent ones). */
const CALL_WINDOW = 2000;

export interface StreamFilter {
  extension?: string | undefined;
  flowId?: string | undefined;
}

const openStreams = new Set<CallStream>();
let pollCount = 0;

/** Open streams, their pending timers and the polls run so far: lets tests prove nothing outlives a client. */
export function callStreamActivity(): { open: number; timers: number; polls: number } {
  let timers = 0;
  for (const stream of openStreams) timers += stream.timerCount;
  return { open: openStreams.size, timers, polls: pollCount };
}

/** What of a call can change after it is written: a change of any of it sends the call again. */
const signatureOf = (call: Call): string =>
  JSON.stringify([
    call.endedAt?.getTime() ?? null,
    call.outcome,
    call.hangupCause,
    call.stepCount,
    call.error,
    call.currentNodeId,
    call.currentNodeSince?.getTime() ?? null,
  ]);

/**
 * One client's Server-Sent Events stream. Call rows have no update time, so the stream keeps what it
 * sent of the calls that can still change (live ones, and those started or ended within the lookback
 * window) and sends a `call` event when one is new or differs (e.g. a live call entered another
 * node). Steps are only ever inserted, so an id cursor finds the new ones. Steps are read before
 * calls in each poll: a step's call is written no later than the step, so a client always gets a
 * call before its steps.
 */
export class CallStream {
  #closed = false;
  #pollTimer: NodeJS.Timeout | undefined;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #steps: IdCursor | undefined;
  /** Calls that may still change → signature of what was sent (or seen when connecting). */
  #known = new Map<string, { signature: string; live: boolean }>();
  #failingSince: Date | undefined;
  #warnedWindowFull = false;
  #ticket: LiveStreamTicket | undefined;

  constructor(
    private readonly services: ApiServices,
    private readonly filter: StreamFilter,
    private readonly response: Response,
    private readonly options: CallStreamOptions,
    private readonly access: LiveStreamRequest,
  ) {}

  get timerCount(): number {
    return (this.#pollTimer === undefined ? 0 : 1) + (this.#heartbeatTimer === undefined ? 0 : 1);
  }

  async open(): Promise<void> {
    // Before anything is sent, so that a refusal (too many streams for this login) is plain JSON.
    this.#ticket = this.services.liveStreams.admit(this.access, () => this.#sessionEnded());
    openStreams.add(this);
    this.response.once('close', () => this.#close());
    // The client may have gone while the request was being authenticated: no 'close' would follow.
    if (this.#gone()) {
      this.#close();
      return;
    }
    try {
      const { prisma } = this.services.db;
      const lastStep = await prisma.callStep.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
      this.#steps = new IdCursor(lastStep?.id ?? 0, this.options.gapGraceMs);
      // What is already there is the baseline; of it, only the live calls are sent.
      const live = await this.#changedCalls({ onlyLive: true });
      if (this.#closed) return;
      live.commit();
      this.response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      this.response.write('retry: 2000\n\n');
      for (const call of live.items) this.#send('call', call);
      this.#heartbeatTimer = setInterval(
        () => this.response.write(': heartbeat\n\n'),
        this.options.heartbeatMs,
      );
      this.#schedule(this.options.pollMs);
    } catch (error) {
      this.#close();
      throw error;
    }
  }

  #gone(): boolean {
    const socket = this.response.socket;
    return this.response.destroyed || socket === null || socket.destroyed;
  }

  /** The login session ended or no longer allows the stream: the client is told, then the stream ends. */
  #sessionEnded(): void {
    if (this.#closed) return;
    if (this.response.headersSent) {
      this.response.write(
        `event: session_ended\ndata: ${JSON.stringify({ message: 'the login session has ended; log in again' })}\n\n`,
      );
      this.response.end();
    } else {
      this.response.status(401).json({ error: 'not_logged_in', message: 'log in first' });
    }
    this.#close();
  }

  #close(): void {
    this.#closed = true;
    this.#ticket?.release();
    clearTimeout(this.#pollTimer);
    clearInterval(this.#heartbeatTimer);
    this.#pollTimer = undefined;
    this.#heartbeatTimer = undefined;
    openStreams.delete(this);
  }

  #schedule(delayMs: number): void {
    if (this.#closed) return;
    this.#pollTimer = setTimeout(() => void this.#poll(), delayMs);
  }

  async #poll(): Promise<void> {
    this.#pollTimer = undefined;
    if (this.#gone()) this.#close();
    if (this.#closed) return;
    pollCount++;
    let more = false;
    try {
      // A client that does not keep up is not sent more; the cursors wait for it.
      if (!this.response.writableNeedDrain) {
        const steps = await this.#newSteps();
        const calls = await this.#changedCalls();
        if (this.#closed) return;
        // The cursors move only once everything read is sent: a failed poll is simply done again.
        for (const call of calls.items) this.#send('call', call);
        for (const step of steps.items) this.#send('step', step);
        calls.commit();
        steps.commit();
        more = steps.more;
      }
      if (this.#failingSince !== undefined) {
        this.services.log('info', 'call stream reads the database again', {
          failingSince: this.#failingSince.toISOString(),
        });
        this.#failingSince = undefined;
      }
    } catch (error) {
      if (this.#closed) return;
      if (this.#failingSince === undefined) {
        this.#failingSince = new Date();
        this.services.log('warn', 'call stream cannot read the database; retrying', {
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    this.#schedule(more ? 0 : this.options.pollMs);
  }

  #send(event: 'call' | 'step', data: CallItem | StepItem): void {
    this.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  #callWhere(): Prisma.CallWhereInput {
    return {
      ...(this.filter.extension === undefined ? {} : { extension: this.filter.extension }),
      ...(this.filter.flowId === undefined ? {} : { flowId: this.filter.flowId }),
    };
  }

  async #newSteps(): Promise<{ items: StepItem[]; more: boolean; commit: () => void }> {
    const cursor = this.#steps;
    if (cursor === undefined) return { items: [], more: false, commit: () => undefined };
    const gaps = cursor.gaps;
    const rows = await this.services.db.prisma.callStep.findMany({
      where: { OR: [{ id: { gt: cursor.last } }, ...(gaps.length === 0 ? [] : [{ id: { in: gaps } }])] },
      include: { call: { select: { extension: true, flowId: true } } },
      orderBy: { id: 'asc' },
      take: STEP_BATCH,
    });
    const { extension, flowId } = this.filter;
    const items = rows
      .filter(
        ({ call }) =>
          (extension === undefined || call.extension === extension) &&
          (flowId === undefined || call.flowId === flowId),
      )
      .map(({ call: _, ...step }) => toStepItem(step, (text) => this.services.ari.redact(text)));
    return {
      items,
      more: rows.length === STEP_BATCH,
      commit: () =>
        cursor.advance(
          rows.map((row) => row.id),
          Date.now(),
        ),
    };
  }

  /** Calls that are new or changed since the last look, oldest first (or only the live ones of them). */
  async #changedCalls({ onlyLive = false } = {}): Promise<{ items: CallItem[]; commit: () => void }> {
    const since = new Date(Date.now() - this.options.lookbackMs);
    const knownLive = [...this.#known].flatMap(([id, known]) => (known.live ? [id] : []));
    const rows = await this.services.db.prisma.call.findMany({
      where: {
        AND: [
          this.#callWhere(),
          {
            OR: [
              { endedAt: null },
              { startedAt: { gte: since } },
              { endedAt: { gte: since } },
              // Live when last seen, but ended longer ago than the window (e.g. written late).
              ...(knownLive.length === 0 ? [] : [{ id: { in: knownLive } }]),
            ],
          },
        ],
      },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: CALL_WINDOW,
    });
    if (rows.length === CALL_WINDOW && !this.#warnedWindowFull) {
      this.#warnedWindowFull = true;
      this.services.log(
        'warn',
        'call stream: more live and recent calls than it compares; some may be missed',
        {
          limit: CALL_WINDOW,
        },
      );
    }
    const changed = rows
      .filter((row) => this.#known.get(row.id)?.signature !== signatureOf(row))
      .filter((row) => !onlyLive || row.endedAt === null)
      .reverse();
    const items = await toCallItems(this.services.db.prisma, changed, (text) =>
      this.services.ari.redact(text),
    );
    return {
      items,
      // Calls outside the window have ended long ago and will not change again: forget them.
      commit: () => {
        this.#known = new Map(
          rows.map((row) => [row.id, { signature: signatureOf(row), live: row.endedAt === null }]),
        );
      },
    };
  }
}
