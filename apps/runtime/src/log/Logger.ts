export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const secretKey = /pass(word)?|secret|api_?key|token|authorization/i;

/*
 * One event, one line: a caller's name, an Asterisk message or an error text with a line break
 * (or a terminal escape) must not forge or hide lines. JSON.stringify escapes U+0000-U+001F but
 * leaves DEL, the C1 controls (U+0085 is a line break to some readers) and U+2028/U+2029 as they are.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
const unsafeInLine = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const notEscapedByJson = /[\u007f-\u009f\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
const needsQuotes = /[\s"=\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const unicodeEscape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

function quoted(text: string): string {
  return JSON.stringify(text).replace(notEscapedByJson, unicodeEscape);
}

/** The message as one line: control characters written as JSON escapes, without the quotes. */
function oneLine(message: string): string {
  return unsafeInLine.test(message) ? quoted(message).slice(1, -1) : message;
}

function format(value: unknown): string {
  // Counts and durations, in every call's line: nothing to quote.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Error) return quoted(value.message);
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return needsQuotes.test(text) ? quoted(text) : text;
}

/** `key=value ...` for the fields that are set; secrets masked. */
function render(fields: LogFields): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) parts.push(`${key}=${secretKey.test(key) ? '***' : format(value)}`);
  }
  return parts.join(' ');
}

/**
 * One line per event: `time LEVEL message key=value ...`. Fields whose name looks secret are masked.
 * A child's own fields (a call's id, channel, extension) are rendered once, when it is made, not
 * again for every line.
 */
export class Logger {
  readonly #rendered: string;

  constructor(
    private readonly level: LogLevel = 'info',
    private readonly fields: LogFields = {},
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.#rendered = render(fields);
  }

  child(fields: LogFields): Logger {
    return new Logger(this.level, { ...this.fields, ...fields }, this.write);
  }

  /** Whether lines of this level are written: lets hot paths skip building fields nobody will see. */
  enabled(level: LogLevel): boolean {
    return order[level] >= order[this.level];
  }

  debug(message: string, fields?: LogFields): void {
    this.#log('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.#log('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.#log('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.#log('error', message, fields);
  }

  #log(level: LogLevel, message: string, fields?: LogFields): void {
    if (!this.enabled(level)) return;
    const rendered = this.#render(fields);
    this.write(
      `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${oneLine(message)}${rendered ? ` ${rendered}` : ''}`,
    );
  }

  #render(fields: LogFields | undefined): string {
    if (fields === undefined) return this.#rendered;
    // A line's field replaces the logger's field of the same name, where that one stood.
    if (Object.keys(fields).some((key) => Object.hasOwn(this.fields, key)))
      return render({ ...this.fields, ...fields });
    const own = render(fields);
    return this.#rendered && own ? `${this.#rendered} ${own}` : this.#rendered || own;
  }
}
