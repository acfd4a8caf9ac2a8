// Runs sipp (Debian package `sip-tester`) and reads what it wrote: the message log and the error log.
// Playing DTMF/audio pcaps needs root (sipp uses raw sockets for them).

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SIPP_BIN = process.env.SIPP_BIN ?? 'sipp';
export const PCAP_DIR = '/usr/share/sip-tester';
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../.artifacts/sipp/', import.meta.url));

/** The error to show when sipp cannot be started. */
export function sippSpawnError(error: Error): Error {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
    ? new Error(`${SIPP_BIN} not found: install the Debian package sip-tester`)
    : error;
}

/** Where one sipp run keeps its scenario and its logs, named after `base` (a path without ending). */
export interface SippFiles {
  scenario: string;
  messages: string;
  errors: string;
}

export const sippFiles = (base: string): SippFiles => ({
  scenario: `${base}.xml`,
  messages: `${base}.messages.log`,
  errors: `${base}.errors.log`,
});

/**
 * The arguments every sipp run here shares: its scenario, its local address and ports, no keyboard,
 * and every message and error written to its logs (which the tests read afterwards).
 */
export function sippRunArgs(files: SippFiles, sipPort: number, mediaPort: number): string[] {
  return [
    '-sf',
    files.scenario,
    '-i',
    '127.0.0.1',
    '-p',
    String(sipPort),
    '-mp',
    String(mediaPort),
    '-nostdin',
    '-trace_msg',
    '-message_file',
    files.messages,
    '-trace_err',
    '-error_file',
    files.errors,
  ];
}

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
      reject(sippSpawnError(err));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      resolve({ exitCode: code, timedOut, stdout, stderr });
    });
  });
}

export interface SipMessage {
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
