import { z } from 'zod';
import { CallEndedError } from '../../runtime/CallEndedError.ts';
import type { StepContext } from '../../runtime/StepContext.ts';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { withSecrets } from '../../secrets/withSecrets.ts';
import { variableName } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { renderOption } from '../renderOption.ts';
import { valueRules } from '../valueRules.ts';
import { jsonTextNestsDeeperThan } from './jsonTextNestsDeeperThan.ts';
import { pickJsonField } from './pickJsonField.ts';
import { readBodyWithLimit } from './readBodyWithLimit.ts';
import { renderUrl, urlHostProblem } from './renderUrl.ts';
import { shownUrl } from './shownUrl.ts';

const kilobyte = 1024;

/**
 * The most an answer may be. JSON.parse holds the process while it runs, and every call on the runtime
 * with it: a lookup answers a few fields, so a megabyte is plenty and costs a few milliseconds.
 */
export const maxResponseBytesLimit = 1024 * kilobyte;

/** How deeply an answer may nest arrays and objects; CRM answers nest a handful of levels. */
export const maxAnswerDepth = 64;

const httpLookupOptions = z
  .object({
    method: z
      .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
      .default('GET')
      .meta({ title: 'Method', description: 'The HTTP method; GET sends no body' }),
    url: z
      .string()
      .min(1, 'enter the address to call')
      .max(2000)
      .meta({
        title: 'URL',
        description: 'The address to call; variables in it are URL-encoded',
        widget: 'template',
        examples: ['https://crm.example.com/lookup?caller={{caller.number}}'],
      }),
    headers: z
      .array(
        z
          .object({
            name: z
              .string()
              // A token (RFC 9110, 5.1); real header names are far shorter than 64 characters.
              .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'not a valid header name')
              .max(64)
              .meta({ title: 'Name', description: 'The header name', examples: ['Authorization'] }),
            value: z
              .string()
              .max(2000)
              .meta({ title: 'Value', description: 'The header value', widget: 'template' }),
          })
          .strict()
          .meta({ title: 'Header' }),
      )
      .max(20)
      .default([])
      .meta({ title: 'Headers', description: 'Extra request headers, e.g. Authorization' }),
    body: z
      .string()
      .max(100_000)
      .nullable()
      .default(null)
      .meta({
        title: 'Body',
        description: 'Sent with every method but GET',
        widget: 'multiline',
        nullLabel: 'No body',
        examples: ['{"caller": "{{caller.number}}"}'],
      }),
    /** How the body is sent; variables in it are escaped to match, so a caller's input stays data. */
    bodyFormat: z
      .enum(['json', 'form', 'text'])
      .default('json')
      .meta({
        title: 'Body format',
        description: 'Sets the content type; variables in the body are escaped to match',
        enumLabels: { json: 'JSON', form: 'Form (URL-encoded)', text: 'Plain text' },
      }),
    timeoutSeconds: z.number().min(0.1).max(30).default(5).meta({
      title: 'Timeout (seconds)',
      description: 'Takes the timeout outcome when no answer arrives in time',
    }),
    maxResponseBytes: z
      .number()
      .int()
      .min(1)
      .max(maxResponseBytesLimit)
      .default(256 * kilobyte)
      .meta({
        title: 'Maximum answer size (bytes)',
        description: 'A longer answer takes the error outcome; at most 1 MB (1048576)',
      }),
    fields: z
      .array(
        z
          .object({
            variable: variableName.meta({ title: 'Variable', description: 'Stored as vars.<name>' }),
            path: z
              .string()
              .regex(/^[^.]+(\.[^.]+)*$/, 'use a dotted path like data.agent.id')
              .max(200)
              .meta({ title: 'JSON path', description: 'Where in the answer, e.g. data.agent.id' }),
          })
          .strict()
          .meta({ title: 'Field' }),
      )
      .max(50)
      .default([])
      .meta({
        title: 'Fields to store',
        description: 'Values picked from the JSON answer into variables',
      }),
  })
  .strict();

type HttpLookupOptions = z.output<typeof httpLookupOptions>;

export const httpLookup = defineNodeKind({
  kind: 'httpLookup',
  title: 'HTTP lookup',
  description: 'Asks a web service (e.g. your CRM) and stores fields of its JSON answer in variables.',
  options: httpLookupOptions,
  starterOptions: { url: 'https://example.com/lookup?caller={{caller.number}}' },
  ports: () => ['success', 'error', 'timeout'],
  waitsForCaller: false,
  variablesSet: (options) => ['http.status', ...options.fields.map((field) => `vars.${field.variable}`)],
  check: (options) => {
    const problem = urlHostProblem(options.url);
    return problem === null ? [] : [{ path: ['url'], message: problem }];
  },
  run: async (options, context) => {
    const { variables } = context;
    let request: { url: string; headers: Headers; body: string | null };
    try {
      // Set first, so a call with no room for it (every variable it can hold) sends nothing either.
      variables.set('http.status', '');
      request = await renderRequest(options, context);
    } catch (error) {
      // A value that does not fit (a dot segment, a NUL in a header) sends nothing anywhere.
      if (!(error instanceof StepFailure)) throw error;
      context.reportError(error.message);
      return 'error';
    }
    const { url, headers } = request;
    const shown = `${options.method} ${shownUrl(url)}`;
    const timeout = AbortSignal.timeout(options.timeoutSeconds * 1000);
    let answeredStatus: number | undefined;
    try {
      const response = await context.fetch(url, {
        method: options.method,
        headers,
        body: request.body,
        signal: AbortSignal.any([timeout, context.signal]),
        redirect: 'follow',
      });
      answeredStatus = response.status;
      variables.set('http.status', String(response.status));
      const text = await readBodyWithLimit(response, options.maxResponseBytes, shown);
      if (!response.ok) throw new StepFailure(`${shown} answered HTTP ${response.status}`);
      if (options.fields.length === 0) return 'success';
      // Counted before parsing: JSON.parse on a megabyte of [ holds every call for half a second.
      if (jsonTextNestsDeeperThan(text, maxAnswerDepth))
        throw new StepFailure(
          `${shown} answered JSON nested more than ${maxAnswerDepth} levels deep; not read`,
        );
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        throw new StepFailure(`${shown} did not answer JSON`);
      }
      const picked = options.fields.map(
        (field) => [`vars.${field.variable}`, pickJsonField(document, field.path, maxAnswerDepth)] as const,
      );
      // All fields or none: a flow on the error port does not see half of this answer.
      try {
        variables.setAll(picked);
      } catch (error) {
        if (!(error instanceof StepFailure)) throw error;
        throw new StepFailure(`${shown}: ${error.message}; no field stored`);
      }
      return 'success';
    } catch (error) {
      if (context.signal.aborted) throw new CallEndedError(context.channel.id);
      if (timeout.aborted) {
        // A service that stalls mid-body is up: say so, or the reader goes looking for a network fault.
        context.reportError(
          answeredStatus === undefined
            ? `${shown} gave no answer within ${options.timeoutSeconds} s`
            : `${shown} answered HTTP ${answeredStatus} but did not finish within ${options.timeoutSeconds} s`,
        );
        return 'timeout';
      }
      const reason = error instanceof StepFailure ? error.message : `${shown} failed: ${describe(error)}`;
      context.reportError(reason);
      return 'error';
    }
  },
});

/** The request with every value checked and encoded for where it goes; throws StepFailure on a misfit. */
async function renderRequest(options: HttpLookupOptions, { variables, secrets }: StepContext) {
  // Values are URL-encoded: a caller name such as "x&admin=1" cannot add a parameter.
  const url = renderUrl(variables, options.url);
  if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url))
    throw new StepFailure(`"${shownUrl(url)}" is not an http(s) address`);
  // Header values are the one place secrets may go (validation refuses them elsewhere).
  const headerVariables = await withSecrets(
    variables,
    options.headers.map((header) => header.value),
    secrets,
  );
  const headers = new Headers(
    options.headers.map((header, index): [string, string] => [
      header.name,
      renderOption(headerVariables, `headers.${index}.value`, header.value, valueRules.headerValue),
    ]),
  );
  if (options.body !== null && !headers.has('content-type'))
    headers.set('content-type', contentTypes[options.bodyFormat]);
  const body =
    options.body === null || options.method === 'GET'
      ? null
      : renderOption(variables, 'body', options.body, {
          ...valueRules.body,
          encode: bodyEncoders[options.bodyFormat],
        });
  return { url, headers, body };
}

const contentTypes = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  text: 'text/plain',
} as const;

const bodyEncoders: Record<keyof typeof contentTypes, (value: string) => string> = {
  // Escaped as inside a JSON string: a value cannot close the quotes it is written between.
  json: (value) => JSON.stringify(value).slice(1, -1),
  form: encodeURIComponent,
  text: (value) => value,
};

function describe(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
