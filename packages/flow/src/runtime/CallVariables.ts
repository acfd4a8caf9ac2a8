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

  render(template: string, encode?: (value: string) => string): string {
    return renderTemplate(template, (name) => this.#values.get(name), encode);
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
