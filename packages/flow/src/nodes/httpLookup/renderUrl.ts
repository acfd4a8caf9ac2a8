import type { CallVariables } from '../../runtime/CallVariables.ts';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { renderOption } from '../renderOption.ts';
import { valueRules } from '../valueRules.ts';

export const maxUrlLength = 8192;

/** `.`, `..` and their percent-encoded forms: the URL parser removes such a segment and the one before. */
const dotSegment = /^(?:\.|%2e){1,2}$/i;

/**
 * The host a URL template names, as the author wrote it: scheme, `//`, then everything up to the
 * first `/`, `?` or `#`, without credentials (before the last `@`). Null when the template does not
 * start with http:// or https://.
 */
function writtenHost(template: string): string | null {
  const scheme = /^https?:\/\//i.exec(template);
  if (scheme === null) return null;
  const rest = template.slice(scheme[0].length);
  const end = rest.search(/[/?#]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  return authority.slice(authority.lastIndexOf('@') + 1);
}

const hostProblem =
  'the address must start with http:// or https:// and a host written in the flow; the host cannot come from a variable';

/** Why a URL template's host is not fixed by the author's text, or null when it is (for validation). */
export function urlHostProblem(template: string): string | null {
  const host = writtenHost(template.trimStart());
  return host === null || host === '' || host.includes('{{') ? hostProblem : null;
}

/**
 * Renders an HTTP lookup's URL so values stay data: each is URL-encoded (`/ ? # & @ :` cannot add a
 * segment, parameter or host); the host must be written in the flow, never come from a variable (a
 * value such as `.evil.com` after `crm.example.com` would change it); and a value that makes a path
 * segment `.` or `..` is refused, since the URL parser would drop segments the author wrote.
 */
export function renderUrl(variables: CallVariables, template: string): string {
  const problem = urlHostProblem(template);
  if (problem !== null) throw new StepFailure(`url: ${problem}`);
  const url = renderOption(variables, 'url', template, valueRules.url).trim();
  if (url.length > maxUrlLength)
    throw new StepFailure(`url: the address is ${url.length} characters long, more than ${maxUrlLength}`);
  const afterScheme = url.slice(url.indexOf('//') + 2);
  const pathStart = afterScheme.search(/[/?#]/);
  if (pathStart !== -1 && afterScheme[pathStart] === '/') {
    const path = afterScheme.slice(pathStart).split(/[?#]/, 1)[0] ?? '';
    if (path.split('/').some((segment) => dotSegment.test(segment)))
      throw new StepFailure(
        'url: a path segment is "." or "..", which would drop part of the address; values in a path must be names',
      );
  }
  return url;
}
