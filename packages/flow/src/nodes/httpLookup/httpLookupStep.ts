import type { z } from 'zod';
import { CallEndedError } from '../../runtime/CallEndedError.ts';
import type { StepContext } from '../../runtime/StepContext.ts';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { withSecrets } from '../../secrets/withSecrets.ts';
import { stepErrors } from '../../stepErrors/stepErrors.ts';
import type { NodeStep } from '../NodeStep.ts';
import { renderOption } from '../renderOption.ts';
import { valueRules } from '../valueRules.ts';
import type { httpLookup } from './httpLookup.ts';
import { jsonTextNestsDeeperThan } from './jsonTextNestsDeeperThan.ts';
import { pickJsonField } from './pickJsonField.ts';
import { readBodyWithLimit } from './readBodyWithLimit.ts';
import { renderUrl } from './renderUrl.ts';
import { shownUrl } from './shownUrl.ts';

type HttpLookupOptions = z.output<(typeof httpLookup)['options']>;

/** How deeply an answer may nest arrays and objects; CRM answers nest a handful of levels. */
const maxAnswerDepth = 64;

export const httpLookupStep: NodeStep<typeof httpLookup> = async (options, context) => {
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
    if (!response.ok) throw new StepFailure(stepErrors.httpStatus.says(shown, response.status));
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
      throw new StepFailure(stepErrors.httpNotJson.says(shown));
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
          ? stepErrors.httpNoAnswer.says(shown, options.timeoutSeconds)
          : stepErrors.httpUnfinished.says(shown, answeredStatus, options.timeoutSeconds),
      );
      return 'timeout';
    }
    const reason = error instanceof StepFailure ? error.message : `${shown} failed: ${describe(error)}`;
    context.reportError(reason);
    return 'error';
  }
};

/** The request with every value checked and encoded for where it goes; throws StepFailure on a misfit. */
async function renderRequest(options: HttpLookupOptions, { variables, secrets }: StepContext) {
  // Values are URL-encoded: a caller name such as "x&admin=1" cannot add a parameter.
  const url = renderUrl(variables, options.url);
  if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url))
    throw new StepFailure(stepErrors.httpNotAnAddress.says(shownUrl(url)));
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
