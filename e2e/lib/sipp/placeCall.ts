// Places real SIP calls into the sandbox Asterisk with sipp.
//
// Each call gets a generated sipp XML scenario in e2e/.artifacts/sipp/, its own SIP and
// media ports, and a message log that is parsed for the final INVITE status and for who
// hung up.

import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { buildCallerScenario, type CallStep } from './callerScenario.ts';
import { RtpStream } from './RtpStream.ts';
import { ARTIFACTS_DIR, cleanErrorLog, parseMessageLog, runSipp, sippFiles, sippRunArgs } from './runSipp.ts';
import { allocatePorts } from './sippPorts.ts';

export type { CallStep } from './callerScenario.ts';

export interface PlaceCallOptions {
  /** Dialled number (Request-URI user), e.g. '6001'. */
  extension: string;
  /** Steps after the 200 OK. Default: none. */
  script?: CallStep[];
  /**
   * End the call by waiting for Asterisk's BYE (instead of sending one). Default: false,
   * i.e. the caller hangs up after the script (a `{ hangup: true }` step is implied).
   */
  expectRemoteHangup?: boolean;
  /**
   * Expect the call to be rejected with this final status (e.g. 404) instead of
   * answered. The scenario then ACKs the rejection and ends.
   */
  expectReject?: number;
  /** SIP user in From (the caller id Asterisk sees). Default 'sipp' (matches endpoint `sipp`). */
  from?: string;
  /** Display name in From. */
  fromName?: string;
  /** Asterisk address. Default 127.0.0.1:5060 (or $SIP_PORT). */
  target?: string;
  /** Local SIP port; default: allocated. */
  localPort?: number;
  /** Local RTP port (uses this and the next 3); default: allocated. */
  mediaPort?: number;
  /** Whole-call timeout. Default 30 s. */
  timeoutMs?: number;
  /** Name used for the artifact files. Default 'call-<extension>'. */
  name?: string;
  /**
   * Kills sipp when aborted, e.g. callers left talking to an Asterisk that was killed. The call then
   * counts as timed out (not ok).
   */
  signal?: AbortSignal;
}

export interface CallResult {
  /** sipp finished the scenario, and the call ended the way the options asked for. */
  ok: boolean;
  /** Final status of the INVITE (200, 404, 486, ...), if one was received. */
  finalStatus?: number;
  /** Provisional statuses seen (100, 180, 183). */
  provisional: number[];
  /** Who sent the BYE, for answered calls. */
  hungUpBy?: 'caller' | 'remote';
  /** sipp exit code (0 = all calls succeeded, 1 = failed, ...); null if killed. */
  exitCode: number | null;
  /** True if the Node-side timeout killed sipp. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Content of sipp's error log (unexpected messages etc.), if any. */
  errors?: string;
  scenarioFile: string;
  messageFile: string;
  durationMs: number;
}

let callCounter = 0;

/** Places one call with sipp and resolves when sipp has exited. Never rejects for call failures. */
export async function placeCall(options: PlaceCallOptions): Promise<CallResult> {
  if (!/^[0-9A-Za-z*#+_.-]+$/.test(options.extension)) {
    throw new Error(`invalid extension ${JSON.stringify(options.extension)}`);
  }
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const ports =
    options.localPort !== undefined && options.mediaPort !== undefined
      ? { sipPort: options.localPort, mediaPort: options.mediaPort, release: () => {} }
      : await allocatePorts();
  const sipPort = options.localPort ?? ports.sipPort;
  const mediaPort = options.mediaPort ?? ports.mediaPort;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const base = `${ARTIFACTS_DIR}${(options.name ?? `call-${options.extension}`).replace(/[^\w.-]/g, '_')}-${process.pid}-${++callCounter}`;
  const files = sippFiles(base);
  const started = Date.now();
  try {
    const rtp = new RtpStream(base);
    const xml = await buildCallerScenario({
      extension: options.extension,
      script: options.script ?? [],
      expectRemoteHangup: options.expectRemoteHangup ?? false,
      ...(options.expectReject !== undefined ? { expectReject: options.expectReject } : {}),
      from: options.from ?? 'sipp',
      ...(options.fromName !== undefined ? { fromName: options.fromName } : {}),
      media: (capture, atMs, maxMs) => rtp.write(capture, atMs, maxMs),
    });
    await writeFile(files.scenario, xml);
    const target = options.target ?? `127.0.0.1:${process.env.SIP_PORT ?? '5060'}`;
    const sippTimeoutS = Math.max(1, Math.ceil(timeoutMs / 1000));
    const args = [
      target,
      ...sippRunArgs(files, sipPort, mediaPort),
      '-s',
      options.extension,
      '-m',
      '1',
      '-timeout',
      `${sippTimeoutS}s`,
      '-timeout_error',
    ];
    const run = await runSipp(args, timeoutMs + 5_000, options.signal);
    const log = existsSync(files.messages) ? await readFile(files.messages, 'utf8') : '';
    const errors = existsSync(files.errors) ? cleanErrorLog(await readFile(files.errors, 'utf8')) : '';
    const messages = parseMessageLog(log);
    const inviteResponses = messages
      .filter((m) => m.direction === 'received' && m.cseqMethod === 'INVITE')
      .map((m) => Number(m.firstLine.slice(8, 11)));
    const finalStatus = inviteResponses.filter((s) => s >= 200).at(-1);
    const provisional = [...new Set(inviteResponses.filter((s) => s < 200))];
    const remoteBye = messages.some((m) => m.direction === 'received' && m.firstLine.startsWith('BYE '));
    const callerBye = messages.some((m) => m.direction === 'sent' && m.firstLine.startsWith('BYE '));
    const hungUpBy = remoteBye ? 'remote' : callerBye ? 'caller' : undefined;
    let ok = run.exitCode === 0 && !run.timedOut;
    if (options.expectReject !== undefined) ok &&= finalStatus === options.expectReject;
    else {
      ok &&= finalStatus === 200;
      const wantRemote = options.expectRemoteHangup ?? false;
      ok &&= wantRemote ? hungUpBy === 'remote' : hungUpBy === 'caller';
    }
    // Keep the generated captures only for failed calls (to replay them by hand).
    if (ok) await rtp.removeFiles();
    return {
      ok,
      ...(finalStatus !== undefined ? { finalStatus } : {}),
      provisional,
      ...(hungUpBy ? { hungUpBy } : {}),
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      stdout: run.stdout,
      stderr: run.stderr,
      ...(errors ? { errors } : {}),
      scenarioFile: files.scenario,
      messageFile: files.messages,
      durationMs: Date.now() - started,
    };
  } finally {
    ports.release();
  }
}
