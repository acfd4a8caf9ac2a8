import { request as httpRequest } from 'node:http';
import type { TestApi } from './startTestApi.ts';

/**
 * Sends the headers of a request announcing `contentLength` bytes and only the first `sent` of them,
 * then waits up to 10 s for an answer: a server that reads the whole body first never answers.
 */
export function answerBeforeBody(
  api: TestApi,
  method: string,
  path: string,
  options: { contentLength: number; sent: string | Buffer; cookie?: string; contentType?: string },
): Promise<{ status: number; body: unknown } | 'no answer'> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, api.url);
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method,
      headers: {
        'content-type': options.contentType ?? 'application/json',
        'content-length': String(options.contentLength),
        ...(options.cookie === undefined ? {} : { cookie: options.cookie }),
      },
    });
    const timer = setTimeout(() => {
      request.destroy();
      resolve('no answer');
    }, 10_000);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        clearTimeout(timer);
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.write(options.sent);
  });
}
