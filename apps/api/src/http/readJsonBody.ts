import { jsonTextNestsDeeperThan } from '@callflow/flow';
import express, { type Request, type Response } from 'express';
import type { ApiRoute } from './implement.ts';
import { readAudioBody } from './readAudioBody.ts';

/** Bodies of every route but those marked `bodyLimit: 'flowDocument'`: logins, names, secrets, notes. */
export const smallBodyLimit = '64kb';

/** A flow file nests about eight levels (file, document, nodes, node, options, prompts, prompt); 64 is plenty. */
export const maxBodyDepth = 64;

/** Thrown from body-parser's `verify` hook: shaped like its own errors, so errorHandler answers it. */
class BodyTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor() {
    super(`the request body nests arrays or objects more than ${maxBodyDepth} levels deep`);
  }
}

/** Shaped like body-parser's own 413, which it sends only after reading the whole body to drop it. */
class BodyTooLargeError extends Error {
  readonly status = 413;
  readonly type = 'entity.too.large';
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
  }
}

class BodyNotUtf8Error extends Error {
  readonly status = 415;
  readonly type = 'charset.unsupported';
  constructor() {
    super('send JSON in UTF-8');
  }
}

/**
 * Runs between reading the bytes and JSON.parse: one linear pass refuses a body nested deeper than
 * maxBodyDepth, which JSON.parse would build slowly (5 MB of `[`: 3.5 s) into a value that walking or
 * stringifying overflows the stack.
 */
function refuseDeepJson(_request: Request, _response: Response, body: Buffer, encoding: string): void {
  // JSON between systems is UTF-8 (RFC 8259); other charsets would need decoding before the scan.
  if (!['utf-8', 'utf8'].includes(encoding.toLowerCase())) throw new BodyNotUtf8Error();
  if (jsonTextNestsDeeperThan(body.toString('utf8'), maxBodyDepth)) throw new BodyTooDeepError();
}

/** `64kb` → 65536, `5mb` → 5242880 (the forms API_BODY_LIMIT accepts). */
export function bytesOf(limit: string): number {
  const match = /^(\d+)(kb|mb)$/.exec(limit);
  if (match === null) throw new Error(`body limit ${limit} is not a size like 64kb or 5mb`);
  return Number(match[1]) * (match[2] === 'mb' ? 1024 * 1024 : 1024);
}

export type JsonBodyReader = (route: ApiRoute, request: Request, response: Response) => Promise<void>;

/**
 * Reads and parses a JSON request body with the limit the route declares: `flowDocumentLimit`
 * (API_BODY_LIMIT) for routes that take a flow document, smallBodyLimit for every other one; an
 * audio upload's bytes (`bodyLimit: 'audio'`) are readAudioBody's. A body
 * announced larger is refused (413) from its Content-Length without being read. mountRoutes calls it
 * only once the session has been checked, so a client without one never gets a body read.
 */
export function jsonBodyReader(flowDocumentLimit: string): JsonBodyReader {
  const readers = {
    small: { limit: bytesOf(smallBodyLimit) },
    flowDocument: { limit: bytesOf(flowDocumentLimit) },
  };
  const parsers = {
    small: express.json({ limit: readers.small.limit, verify: refuseDeepJson }),
    flowDocument: express.json({ limit: readers.flowDocument.limit, verify: refuseDeepJson }),
  };
  return (route, request, response) => {
    // Not JSON: an audio file's bytes.
    if (route.bodyLimit === 'audio') return readAudioBody(request, response);
    const size = route.bodyLimit ?? 'small';
    const { limit } = readers[size];
    // Answered at once: body-parser would first read the announced body to the end to drop it.
    if (Number(request.headers['content-length']) > limit)
      return Promise.reject(new BodyTooLargeError(limit));
    return new Promise((resolve, reject) => {
      parsers[size](request, response, (error?: unknown) =>
        error === undefined ? resolve() : reject(error),
      );
    });
  };
}
