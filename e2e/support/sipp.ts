// Places real SIP calls into the sandbox Asterisk with sipp (Debian package `sip-tester`).
//
// Each call gets a generated sipp XML scenario in e2e/.artifacts/sipp/, its own SIP and
// media ports, and a message log that is parsed for the final INVITE status and for who
// hung up. Playing DTMF/audio pcaps needs root (sipp uses raw sockets for them).

import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const SIPP_BIN = process.env.SIPP_BIN ?? 'sipp';
export const PCAP_DIR = '/usr/share/sip-tester';
export const ARTIFACTS_DIR = fileURLToPath(new URL('../.artifacts/sipp/', import.meta.url));

/** One step of the caller's side of the call, executed after the call is answered. */
export type CallStep =
  /** Wait (the call stays up; a BYE from Asterisk during the wait ends the call). */
  | { pauseMs: number }
  /** Send RFC 4733 DTMF, one pcap per digit (0-9, *, #), `gapMs` (default 300) after each. */
  | { dtmf: string; gapMs?: number }
  /** Send G.711 a-law speech (sipp's 7 s g711a.pcap, cut or repeated to length). */
  | { audioMs: number }
  /** Hang up (BYE). Must be the last step. */
  | { hangup: true };

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

// ---------------------------------------------------------------------------- ports

const reservedPorts = new Set<number>();
let portCursor = 0;

// Different vitest workers (and processes) start at different offsets; ports are also
// probed before use, so an overlap only costs a retry.
const poolId = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? 0) || 0;
const SIP_PORT_BASE = 16000;
const SIP_PORT_COUNT = 2000;
const MEDIA_PORT_BASE = 30000;
const MEDIA_PORT_STEP = 4;

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, '127.0.0.1', () => {
      socket.close(() => resolve(true));
    });
  });
}

export interface PortPair {
  sipPort: number;
  mediaPort: number;
  release(): void;
}

/**
 * Allocates a free local SIP port and a free block of 4 media ports (RTP/RTCP audio and
 * video as sipp uses them). Call `release()` when the sipp process has exited.
 */
export async function allocatePorts(): Promise<PortPair> {
  for (let attempt = 0; attempt < SIP_PORT_COUNT; attempt++) {
    const index = (poolId * 97 + portCursor++) % SIP_PORT_COUNT;
    const sipPort = SIP_PORT_BASE + index;
    const mediaPort = MEDIA_PORT_BASE + index * MEDIA_PORT_STEP;
    const ports = [sipPort, mediaPort, mediaPort + 1, mediaPort + 2, mediaPort + 3];
    if (ports.some((p) => reservedPorts.has(p))) continue;
    const free = await Promise.all(ports.map(udpPortFree));
    if (!free.every(Boolean)) continue;
    for (const p of ports) reservedPorts.add(p);
    return {
      sipPort,
      mediaPort,
      release: () => {
        for (const p of ports) reservedPorts.delete(p);
      },
    };
  }
  throw new Error('no free UDP ports for sipp');
}

// ------------------------------------------------------------------------ scenario

const DTMF_PCAP: Record<string, string> = {
  '*': 'dtmf_2833_star.pcap',
  '#': 'dtmf_2833_pound.pcap',
};
for (const d of '0123456789') DTMF_PCAP[d] = `dtmf_2833_${d}.pcap`;
const DTMF_PCAP_MS = 140;
const G711A_PCAP_MS = 7050;

/** SDP offered by the caller: PCMA first (matches g711a.pcap), PCMU, RFC 4733 events. */
export const SDP_OFFER = `v=0
o=sipp 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 0 101
a=rtpmap:8 PCMA/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=sendrecv
`;

function xmlAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function send(message: string, attrs = ''): string {
  return `  <send${attrs ? ` ${attrs}` : ''}>\n    <![CDATA[\n\n${message.trim()}\n\n    ]]>\n  </send>\n`;
}

const OK_TO_REQUEST = `SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:[local_ip]:[local_port];transport=[transport]>
Content-Length: 0`;

interface ScenarioInput {
  extension: string;
  script: CallStep[];
  expectRemoteHangup: boolean;
  expectReject?: number;
  from: string;
  fromName?: string;
  /**
   * Makes the pcap file to play for a capture from PCAP_DIR, `atMs` after the answer,
   * cut to `maxMs`. Default: play sipp's file as it is.
   */
  media?: (capture: string, atMs: number, maxMs?: number) => Promise<string>;
}

/** Builds the sipp UAC scenario XML. Exported for tests of the generator itself. */
export async function buildCallerScenario(input: ScenarioInput): Promise<string> {
  const display = input.fromName ? `"${input.fromName.replace(/"/g, '')}" ` : '';
  const invite = `INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: ${display}<sip:${input.from}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:${input.from}@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
User-Agent: callflow-e2e-sipp
Content-Type: application/sdp
Content-Length: [len]

${SDP_OFFER}`;

  let xml = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<!-- Generated by e2e/support/sipp.ts: call to ${xmlAttr(input.extension)} -->
<scenario name="callflow caller">
`;
  xml += send(invite, 'retrans="500"');
  xml += '  <recv response="100" optional="true"/>\n';
  xml += '  <recv response="180" optional="true"/>\n';
  xml += '  <recv response="183" optional="true"/>\n';
  xml += '  <recv response="180" optional="true"/>\n';

  if (input.expectReject !== undefined) {
    xml += `  <recv response="${input.expectReject}"/>\n`;
    // ACK for a non-2xx final response: same branch as the INVITE (hop-by-hop).
    xml += send(`ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0`);
    xml += '</scenario>\n';
    return xml;
  }

  xml += '  <recv response="200" rtd="true"/>\n';
  xml += send(`ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 1 ACK
Contact: <sip:${input.from}@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Content-Length: 0`);

  // A wait is a `recv BYE` with a timeout, so a BYE from Asterisk at any point ends the
  // call cleanly (jump to remote_bye) instead of being an "unexpected message".
  let label = 0;
  let elapsedMs = 0;
  const wait = (ms: number): string => {
    elapsedMs += ms;
    const id = `w${++label}`;
    return `  <recv request="BYE" timeout="${Math.max(1, Math.round(ms))}" ontimeout="${id}" next="remote_bye"/>\n  <label id="${id}"/>\n`;
  };
  const play = (file: string): string =>
    `  <nop>\n    <action>\n      <exec play_pcap_audio="${xmlAttr(file)}"/>\n    </action>\n  </nop>\n`;

  const media = input.media ?? (async (capture: string) => `${PCAP_DIR}/${capture}`);
  const steps = [...input.script];
  let callerHangsUp = !input.expectRemoteHangup;
  for (const [i, step] of steps.entries()) {
    if ('hangup' in step) {
      if (i !== steps.length - 1) throw new Error('{ hangup: true } must be the last step');
      callerHangsUp = true;
    } else if ('pauseMs' in step) {
      xml += wait(step.pauseMs);
    } else if ('dtmf' in step) {
      for (const digit of step.dtmf) {
        const pcap = DTMF_PCAP[digit];
        if (!pcap) throw new Error(`no DTMF pcap for ${JSON.stringify(digit)} (use 0-9, *, #)`);
        xml += play(await media(pcap, elapsedMs));
        xml += wait(DTMF_PCAP_MS + (step.gapMs ?? 300));
      }
    } else if ('audioMs' in step) {
      let left = Math.max(0, Math.round(step.audioMs));
      while (left > 0) {
        const chunk = Math.min(left, G711A_PCAP_MS);
        xml += play(await media('g711a.pcap', elapsedMs, chunk < G711A_PCAP_MS ? chunk : undefined));
        xml += wait(chunk);
        left -= chunk;
      }
    }
  }
  if (callerHangsUp && input.expectRemoteHangup) {
    throw new Error('expectRemoteHangup and { hangup: true } exclude each other');
  }

  if (callerHangsUp) {
    xml += send(
      `BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
[last_From:]
[last_To:]
[last_Call-ID:]
CSeq: 2 BYE
Contact: <sip:${input.from}@[local_ip]:[local_port];transport=[transport]>
Max-Forwards: 70
Content-Length: 0`,
      'retrans="500"',
    );
    xml += '  <recv response="200" crlf="true" next="end"/>\n';
  } else {
    xml += '  <recv request="BYE" next="remote_bye"/>\n';
  }
  xml += '  <label id="remote_bye"/>\n';
  xml += send(OK_TO_REQUEST);
  xml += '  <label id="end"/>\n';
  // A final no-op so the label has something to point at.
  xml += '  <nop>\n    <action>\n      <log message="call ended"/>\n    </action>\n  </nop>\n';
  xml += '</scenario>\n';
  return xml;
}

// -------------------------------------------------------------------- RTP captures

/**
 * Rewrites sipp's captures into one continuous RTP stream per call. sip-tester's DTMF
 * captures are cut from a single stream (same SSRC; sequence numbers rising in the order
 * 1..9, *, #, 0; one fixed RTP timestamp per digit). Played as they are, a digit whose
 * packets carry lower sequence numbers than the previous one ("9" then "8") is dropped by
 * Asterisk as late, and a repeated digit ("11") reuses the event timestamp and is taken
 * for the same event. Each copy written here continues the sequence numbers, places the
 * timestamp at the time the capture is played, and uses one SSRC for the whole call.
 */
export class RtpStream {
  private nextSeq = Math.floor(Math.random() * 0x8000);
  private readonly tsBase = Math.floor(Math.random() * 0x40000000);
  private readonly ssrc = (Math.floor(Math.random() * 0xffffffff) | 1) >>> 0;
  private count = 0;
  readonly files: string[] = [];

  constructor(private readonly pathPrefix: string) {}

  /** Writes the rewritten copy of `capture` (file name in PCAP_DIR) and returns its path. */
  async write(capture: string, atMs: number, maxMs?: number): Promise<string> {
    const src = await readFile(`${PCAP_DIR}/${capture}`);
    const out = Buffer.from(src);
    const magic = out.readUInt32LE(0);
    const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
    const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
    const u32 = (off: number): number => (le ? out.readUInt32LE(off) : out.readUInt32BE(off));
    const linkHeader = LINK_HEADER_BYTES[u32(20)];
    if (linkHeader === undefined) throw new Error(`${capture}: unsupported pcap link type ${u32(20)}`);
    let offset = 24;
    let end = offset;
    let firstTime: number | undefined;
    let firstSeq: number | undefined;
    let firstTs: number | undefined;
    let maxDelta = 0;
    while (offset + 16 <= out.length) {
      const time = u32(offset) * 1000 + u32(offset + 4) / (nanos ? 1e6 : 1e3);
      const caplen = u32(offset + 8);
      firstTime ??= time;
      if (maxMs !== undefined && time - firstTime >= maxMs) break;
      const ip = offset + 16 + linkHeader;
      const udp = ip + ((out[ip] ?? 0x45) & 0x0f) * 4;
      const rtp = udp + 8;
      if (rtp + 12 <= offset + 16 + caplen) {
        const seq = out.readUInt16BE(rtp + 2);
        const ts = out.readUInt32BE(rtp + 4);
        firstSeq ??= seq;
        firstTs ??= ts;
        const delta = (seq - firstSeq) & 0xffff;
        maxDelta = Math.max(maxDelta, delta);
        out.writeUInt16BE((this.nextSeq + delta) & 0xffff, rtp + 2);
        out.writeUInt32BE((this.tsBase + Math.round(atMs * 8) + (ts - firstTs)) >>> 0, rtp + 4);
        out.writeUInt32BE(this.ssrc, rtp + 8);
        // 0 = "no checksum" for UDP over IPv4; the captured one no longer matches.
        out.writeUInt16BE(0, udp + 6);
      }
      offset += 16 + caplen;
      end = offset;
    }
    this.nextSeq = (this.nextSeq + maxDelta + 1) & 0xffff;
    const file = `${this.pathPrefix}.rtp${++this.count}.pcap`;
    await writeFile(file, out.subarray(0, end));
    this.files.push(file);
    return file;
  }

  async removeFiles(): Promise<void> {
    await Promise.all(this.files.map((f) => rm(f, { force: true })));
  }
}

/** Bytes before the IPv4 header, by pcap link type: null/loopback, Ethernet, raw IP, Linux cooked. */
const LINK_HEADER_BYTES: Record<number, number> = { 0: 4, 1: 14, 101: 0, 113: 16 };

// ------------------------------------------------------------------------ running

export interface SippRun {
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/** Runs sipp to completion (or until `timeoutMs` or `signal`, then SIGKILL). */
export function runSipp(args: string[], timeoutMs: number, signal?: AbortSignal): Promise<SippRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(SIPP_BIN, args, { cwd: ARTIFACTS_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    // sipp redraws its screen on stdout; keep the tail only.
    child.stdout.on('data', (chunk: Buffer) => {
      stdout = (stdout + chunk.toString()).slice(-20_000);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    const kill = () => {
      timedOut = true;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(kill, timeoutMs);
    if (signal?.aborted) kill();
    else signal?.addEventListener('abort', kill, { once: true });
    child.once('error', (err) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      reject(
        (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? new Error(`${SIPP_BIN} not found: install the Debian package sip-tester`)
          : err,
      );
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      resolve({ exitCode: code, timedOut, stdout, stderr });
    });
  });
}

interface SipMessage {
  direction: 'sent' | 'received';
  firstLine: string;
  cseqMethod?: string;
}

/** Parses sipp's -trace_msg log into messages (direction + first line + CSeq method). */
export function parseMessageLog(log: string): SipMessage[] {
  const messages: SipMessage[] = [];
  const blocks = log.split(/^-{5,}.*$/m);
  for (const block of blocks) {
    const direction = /message received/i.test(block)
      ? 'received'
      : /message sent/i.test(block)
        ? 'sent'
        : undefined;
    if (!direction) continue;
    const lines = block.split(/\r?\n/);
    const firstLine = lines.find((l) => /^(SIP\/2\.0 \d{3}|[A-Z]+ sip:)/.test(l.trim()))?.trim();
    if (!firstLine) continue;
    const cseq = lines.find((l) => /^CSeq:/i.test(l))?.match(/^CSeq:\s*\d+\s+(\S+)/i)?.[1];
    messages.push({ direction, firstLine, ...(cseq ? { cseqMethod: cseq.toUpperCase() } : {}) });
  }
  return messages;
}

/**
 * sipp's error log also records every `recv ... timeout` that jumps to its `ontimeout`
 * label, which is how this module waits; drop those, keep real errors.
 */
export function cleanErrorLog(text: string): string {
  return text
    .replace(
      /\d{4}-\d\d-\d\d\t[\d:.]+\t[\d.]+: Call-Id: [^,]+, receive timeout on message [^,]+, jumping to label \S+?(?=\d{4}-\d\d-\d\d\t|\s|$)/g,
      '',
    )
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && line.trim() !== 'The following events occurred:')
    .join('\n')
    .trim();
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
  const scenarioFile = `${base}.xml`;
  const messageFile = `${base}.messages.log`;
  const errorFile = `${base}.errors.log`;
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
    await writeFile(scenarioFile, xml);
    const target = options.target ?? `127.0.0.1:${process.env.SIP_PORT ?? '5060'}`;
    const sippTimeoutS = Math.max(1, Math.ceil(timeoutMs / 1000));
    const args = [
      target,
      '-sf',
      scenarioFile,
      '-s',
      options.extension,
      '-m',
      '1',
      '-i',
      '127.0.0.1',
      '-p',
      String(sipPort),
      '-mp',
      String(mediaPort),
      '-nostdin',
      '-timeout',
      `${sippTimeoutS}s`,
      '-timeout_error',
      '-trace_msg',
      '-message_file',
      messageFile,
      '-trace_err',
      '-error_file',
      errorFile,
    ];
    const run = await runSipp(args, timeoutMs + 5_000, options.signal);
    const log = existsSync(messageFile) ? await readFile(messageFile, 'utf8') : '';
    const errors = existsSync(errorFile) ? cleanErrorLog(await readFile(errorFile, 'utf8')) : '';
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
      scenarioFile,
      messageFile,
      durationMs: Date.now() - started,
    };
  } finally {
    ports.release();
  }
}
