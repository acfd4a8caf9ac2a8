import { z } from 'zod';
import { variableName } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { urlHostProblem } from './renderUrl.ts';

const kilobyte = 1024;

/**
 * The most an answer may be. JSON.parse holds the process while it runs, and every call on the runtime
 * with it: a lookup answers a few fields, so a megabyte is plenty and costs a few milliseconds.
 */
export const maxResponseBytesLimit = 1024 * kilobyte;

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

export const httpLookup = defineNodeKind({
  kind: 'httpLookup',
  title: 'HTTP lookup',
  description: 'Asks a web service (e.g. your CRM) and stores fields of its JSON answer in variables.',
  icon: 'globe',
  options: httpLookupOptions,
  starterOptions: { url: 'https://example.com/lookup?caller={{caller.number}}' },
  help: {
    does: 'Asks a web service, e.g. your CRM, about the call (sending the caller’s number or typed digits) and keeps fields of its JSON answer in variables for later nodes: a name to greet, an agent to dial, a balance to read out.',
    outcomes: {
      success: 'The service answered with success (HTTP 2xx) and every field to store was read.',
      error:
        'The service answered with an error, the answer was not JSON, a field was missing, or the address could not be reached.',
      timeout: 'The service did not answer within the timeout.',
    },
    example:
      'GET https://crm.example.com/lookup?caller={{caller.number}}, store data.agent.extension as agent, then Dial PJSIP/{{vars.agent}}.',
  },
  ports: () => ['success', 'error', 'timeout'],
  portLabel: (_options, port) => (port === 'timeout' ? 'No answer in time' : undefined),
  summarize: (options) => /^[a-z]+:\/\/([^/?#]+)/i.exec(options.url)?.[1] ?? '',
  waitsForCaller: false,
  variablesSet: (options) => ['http.status', ...options.fields.map((field) => `vars.${field.variable}`)],
  check: (options) => {
    const problem = urlHostProblem(options.url);
    return problem === null ? [] : [{ path: ['url'], message: problem }];
  },
});
