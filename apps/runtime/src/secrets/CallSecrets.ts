import { stepErrors } from '@callflow/flow';
import { type SecretSource, StepFailure } from '@callflow/flow/runtime';

/** What a secret's value is replaced with in the call log and in log lines. */
export const redactedSecret = '[secret]';

/** Too short to be searched for in log text without mangling it; the API refuses such values anyway. */
const shortestRedacted = 4;

/**
 * One call's view of the credentials store: hands values to the call's HTTP lookups and remembers
 * them, so that whatever the call writes to its log (step errors, variables a web service echoed a
 * token into, the call's error) can be cleaned of them: `redact` replaces each value, also URL-encoded
 * or JSON-escaped, with `[secret]`.
 */
export class CallSecrets implements SecretSource {
  readonly #store: SecretSource | undefined;
  /** The forms of every value handed out, longest first once sorted. */
  #forms: string[] = [];

  /** Without a store (none configured in this process) a step naming a secret takes its error outcome. */
  constructor(store: SecretSource | undefined) {
    this.#store = store;
  }

  async values(names: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (this.#store === undefined) throw new StepFailure(stepErrors.credentialsNotForThisCall.says());
    const values = await this.#store.values(names);
    for (const value of values.values()) this.#remember(value);
    return values;
  }

  #remember(value: string): void {
    const forms = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
    const added = forms.filter((form) => form.length >= shortestRedacted && !this.#forms.includes(form));
    if (added.length === 0) return;
    // Longest first: a value containing another is replaced whole.
    this.#forms = [...this.#forms, ...added].sort((a, b) => b.length - a.length);
  }

  /** The text without any value this call was given. */
  redact(text: string): string {
    let redacted = text;
    for (const form of this.#forms)
      if (redacted.includes(form)) redacted = redacted.split(form).join(redactedSecret);
    return redacted;
  }

  redactNullable(text: string | null): string | null {
    return text === null ? null : this.redact(text);
  }

  /** Variables as the call log stores them, with any value this call was given redacted. */
  redactVariables(variables: Record<string, string>): Record<string, string> {
    if (this.#forms.length === 0) return variables;
    return Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, this.redact(value)]));
  }
}
