import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSpeechEngine } from './HttpSpeechEngine.ts';
import { renderSpeech } from './renderSpeech.ts';
import { SpeechFailed } from './SpeechFailed.ts';
import { makeTestAudio, rejectionOf } from './testing/index.ts';

const secret = 'Bearer s3cr3t-token-never-shown';
const request = { text: 'Your balance is 42 dollars.', language: 'en', voice: 'alloy' } as const;

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const handlers = new Map<string, Handler>();
const received: Array<{ path: string; authorization: string | undefined; body: string }> = [];
let server: Server;
let base: string;
let audio: Buffer;

beforeAll(async () => {
  audio = await makeTestAudio({ format: 'wav', segments: [{ kind: 'tone', seconds: 1 }] });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      received.push({ path, authorization: req.headers.authorization, body });
      const handler = handlers.get(path);
      if (handler) handler(req, res, body);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handlers.set('/good', (_req, res) => res.writeHead(200, { 'content-type': 'audio/wav' }).end(audio));
  handlers.set('/html', (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html>login as ${secret}</html>`),
  );
  handlers.set('/json', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":1}'),
  );
  handlers.set('/error', (_req, res) =>
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`no: ${secret}`),
  );
  handlers.set('/redirect', (_req, res) => res.writeHead(302, { location: `${base}/good` }).end());
  handlers.set('/slow', (_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'audio/wav' }).end(audio), 2000);
  });
  handlers.set('/huge-announced', (_req, res) =>
    res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(21 * 1024 * 1024) }).end(),
  );
  handlers.set('/huge-streamed', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(1024 * 1024, 1);
    let sent = 0;
    const more = () => {
      while (sent < 22 && !res.destroyed) {
        sent++;
        if (!res.write(chunk)) return void res.once('drain', more);
      }
      res.end();
    };
    more();
  });
  handlers.set('/voices', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify([{ id: 'alloy', name: 'Alloy', language: 'en' }])),
  );
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const engineAt = (path: string, timeoutMs = 1000) =>
  new HttpSpeechEngine({
    url: `${base}${path}?key=query-secret`,
    headers: { authorization: secret },
    timeoutMs,
  });

async function failure(promise: Promise<unknown>): Promise<SpeechFailed> {
  const error = await rejectionOf(promise, SpeechFailed);
  // Neither the credentials nor the address's query ever appear in an error.
  expect(`${error.message} ${error.stack}`).not.toContain('s3cr3t');
  expect(`${error.message} ${error.stack}`).not.toContain('query-secret');
  return error;
}

describe('HttpSpeechEngine', () => {
  it('POSTs the text as JSON with the configured header and converts the audio it answers', async () => {
    const engine = engineAt('/good');
    expect(engine.id).toBe(`http:${new URL(base).host}`);
    const converted = await renderSpeech(engine, request);
    expect(converted.durationMs).toBeGreaterThan(900);
    const sent = received.findLast((entry) => entry.path === '/good');
    expect(sent?.authorization).toBe(secret);
    expect(JSON.parse(sent?.body ?? '')).toEqual(request);
  });

  it('says the engine answered with a web page or text instead of audio', async () => {
    const html = await failure(engineAt('/html').render(request));
    expect(html.message).toBe(
      `The speech engine at ${new URL(base).host} answered with a web page instead of audio.`,
    );
    expect(html.reason).toBe('bad_answer');
    expect((await failure(engineAt('/json').render(request))).message).toContain(
      'answered with text instead of audio',
    );
  });

  it('says which HTTP status the engine answered, without its body', async () => {
    const error = await failure(engineAt('/error').render(request));
    expect(error.message).toBe(`The speech engine at ${new URL(base).host} answered HTTP 500.`);
  });

  it('does not follow redirects, so the credentials go to the configured host only', async () => {
    const before = received.filter((entry) => entry.path === '/good').length;
    const error = await failure(engineAt('/redirect').render(request));
    expect(error.message).toBe(`The speech engine at ${new URL(base).host} answered HTTP 302.`);
    expect(received.filter((entry) => entry.path === '/good').length).toBe(before);
  });

  it('stops reading an answer over 20 MB, announced or not', async () => {
    for (const path of ['/huge-announced', '/huge-streamed']) {
      const error = await failure(engineAt(path, 10_000).render(request));
      expect(error.message).toBe(`The speech engine at ${new URL(base).host} sent more than 20 MB.`);
    }
  });

  it('gives up on an engine slower than its time limit', async () => {
    const started = Date.now();
    const error = await failure(engineAt('/slow', 200).render(request));
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(`The speech engine at ${new URL(base).host} did not answer within 0.2 s.`);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops waiting when the caller gives up (the caller hung up)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(engineAt('/slow', 5000).render(request, controller.signal));
    expect(error.reason).toBe('aborted');
  });

  it('says when the engine cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const engine = new HttpSpeechEngine({
      url: `http://127.0.0.1:${port}/tts`,
      headers: { authorization: secret },
      timeoutMs: 1000,
    });
    const error = await failure(engine.render(request));
    expect(error.message).toBe(`The speech engine at 127.0.0.1:${port} could not be reached (ECONNREFUSED).`);
  });

  it('lists the voices the engine names, and none without a voice list address', async () => {
    const engine = new HttpSpeechEngine({
      url: `${base}/good`,
      voicesUrl: `${base}/voices`,
      timeoutMs: 1000,
    });
    expect(await engine.voices()).toEqual([{ id: 'alloy', name: 'Alloy', language: 'en' }]);
    expect(await engineAt('/good').voices()).toEqual([]);
    const wrong = new HttpSpeechEngine({ url: `${base}/good`, voicesUrl: `${base}/html`, timeoutMs: 1000 });
    expect((await failure(wrong.voices())).reason).toBe('bad_answer');
  });

  it('refuses an address with a user name and password in it', () => {
    expect(() => new HttpSpeechEngine({ url: 'https://user:pw@tts.example/speak', timeoutMs: 1000 })).toThrow(
      /must not contain a user name or password/,
    );
    expect(() => new HttpSpeechEngine({ url: 'file:///etc/passwd', timeoutMs: 1000 })).toThrow(
      /http:\/\/ or https:\/\//,
    );
  });
});
