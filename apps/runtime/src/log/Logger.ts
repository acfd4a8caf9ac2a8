export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const secretKey = /pass(word)?|secret|api_?key|token|authorization/i;

function format(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[\s"=]/.test(text ?? '') ? JSON.stringify(text) : String(text);
}

/** One line per event: `time LEVEL message key=value ...`. Fields whose name looks secret are masked. */
export class Logger {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly fields: LogFields = {},
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

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

  #log(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (!this.enabled(level)) return;
    const all = { ...this.fields, ...fields };
    const rendered = Object.entries(all)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${secretKey.test(key) ? '***' : format(value)}`)
      .join(' ');
    this.write(
      `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${rendered ? ` ${rendered}` : ''}`,
    );
  }
}
