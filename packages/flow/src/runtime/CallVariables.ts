import { renderTemplate } from '../templates/renderTemplate.ts';
import { StepFailure } from './StepFailure.ts';

/**
 * The longest value a call variable holds. Far more than a caller's digits (64 at most), a name, an
 * account or a small JSON object from a lookup, and more than any option a value goes into may take
 * (a URL: 2,000): without it `{{vars.x}}{{vars.x}}` in a loop doubled a value at each pass, and one
 * lookup field could store a megabyte that every later step logged again.
 */
export const maxVariableLength = 4096;

/**
 * The most variables a call holds (the five every call starts with included). Their names are written
 * in the flow, so only a flow that names more than this many reaches it; with the length limit a call's
 * variables stay under 800,000 characters.
 */
export const maxVariablesPerCall = 200;

/**
 * A call's variables: flat dotted keys (`caller.number`, `vars.agent`, `http.status`) with string values,
 * each at most maxVariableLength characters, at most maxVariablesPerCall of them. Changes are tracked so
 * each step can log what it set.
 */
export class CallVariables {
  readonly #values = new Map<string, string>();
  #changed = new Map<string, string>();

  /** Initial values come from the network (a caller's name): one too long is cut, never refused. */
  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.#values.set(key, cutToLimit(value));
  }

  get(key: string): string | undefined {
    return this.#values.get(key);
  }

  /** Stores a value; throws a StepFailure naming the variable (and stores nothing) when it does not fit. */
  set(key: string, value: string): void {
    this.setAll([[key, value]]);
  }

  /** Stores every value, or, when one does not fit, none: throws a StepFailure naming the first misfit. */
  setAll(entries: readonly (readonly [key: string, value: string])[]): void {
    const added = new Set<string>();
    for (const [key, value] of entries) {
      if (value.length > maxVariableLength) throw new StepFailure(tooLong(key, value));
      if (!this.#values.has(key)) added.add(key);
      if (this.#values.size + added.size > maxVariablesPerCall) throw new StepFailure(callFull(key));
    }
    for (const [key, value] of entries) {
      this.#values.set(key, value);
      this.#changed.set(key, value);
    }
  }

  /**
   * For steps without an error port: stores what fits and returns what did not, for the step's errors
   * (null when all was stored). A value too long is cut to its first maxVariableLength characters; a new
   * variable in a full call is not stored.
   */
  setWithinLimits(key: string, value: string): string | null {
    if (!this.#values.has(key) && this.#values.size >= maxVariablesPerCall) return callFull(key);
    const kept = cutToLimit(value);
    this.#values.set(key, kept);
    this.#changed.set(key, kept);
    return kept === value ? null : `${tooLong(key, value)}; kept the first ${kept.length}`;
  }

  /**
   * Renders `{{name}}` templates. `encode` sees each substituted value with the name it came from (so a
   * check can say which variable did not fit); it may throw to refuse the value.
   */
  render(template: string, encode?: (value: string, name: string) => string): string {
    if (encode === undefined) return renderTemplate(template, (name) => this.#values.get(name));
    // renderTemplate encodes each value right after looking it up: the last name looked up is its name.
    let name = '';
    return renderTemplate(
      template,
      (lookedUp) => {
        name = lookedUp;
        return this.#values.get(lookedUp);
      },
      (value) => encode(value, name),
    );
  }

  /** The variables set since the last call, then forgets them. */
  takeChanges(): Record<string, string> {
    const changes = Object.fromEntries(this.#changed);
    this.#changed = new Map();
    return changes;
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries(this.#values);
  }
}

function tooLong(key: string, value: string): string {
  return `${key}: ${value.length} characters, more than the ${maxVariableLength} a call variable can hold`;
}

function callFull(key: string): string {
  return `${key}: not stored; the call already holds ${maxVariablesPerCall} variables, the most it can`;
}

/** The first maxVariableLength characters, one fewer rather than half of a surrogate pair. */
function cutToLimit(value: string): string {
  if (value.length <= maxVariableLength) return value;
  const last = value.charCodeAt(maxVariableLength - 1);
  const splitsPair = last >= 0xd800 && last <= 0xdbff;
  return value.slice(0, splitsPair ? maxVariableLength - 1 : maxVariableLength);
}
