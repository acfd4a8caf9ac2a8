import { renderTemplate } from '../templates/renderTemplate.ts';

/**
 * A call's variables: flat dotted keys (`caller.number`, `vars.agent`, `http.status`) with string values.
 * Changes are tracked so each step can log what it set.
 */
export class CallVariables {
  readonly #values = new Map<string, string>();
  #changed = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.#values.set(key, value);
  }

  get(key: string): string | undefined {
    return this.#values.get(key);
  }

  set(key: string, value: string): void {
    this.#values.set(key, value);
    this.#changed.set(key, value);
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
