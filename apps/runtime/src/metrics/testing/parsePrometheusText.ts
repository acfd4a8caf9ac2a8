export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusText {
  samples: PrometheusSample[];
  /** Metric name → TYPE. */
  types: Map<string, string>;
  /** The value of the one sample with this name and exactly these labels; undefined if none. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** Samples of `name` whose labels include `labels`. */
  find(name: string, labels?: Record<string, string>): PrometheusSample[];
}

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/**
 * A strict reader of the text exposition format 0.0.4 for tests: throws on any line a Prometheus
 * scraper would reject, and unescapes label values, so a test sees what the scraper would store.
 */
export function parsePrometheusText(text: string): PrometheusText {
  const samples: PrometheusSample[] = [];
  const types = new Map<string, string>();
  text.split('\n').forEach((line, index) => {
    const fail = (why: string): never => {
      throw new Error(`line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    if (line === '') return;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice('# TYPE '.length).split(' ');
      if (name === undefined || type === undefined) fail('bad TYPE');
      else types.set(name, type);
      return;
    }
    if (line.startsWith('#')) return;
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0] ?? fail('no metric name');
    let at = name.length;
    const labels: Record<string, string> = {};
    if (line[at] === '{') {
      at++;
      while (line[at] !== '}') {
        const label = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(at))?.[0] ?? fail('bad label name');
        at += label.length;
        if (line.slice(at, at + 2) !== '="') fail('expected ="');
        at += 2;
        let value = '';
        for (;;) {
          const char = line[at] ?? fail('unterminated label value');
          at++;
          if (char === '"') break;
          if (char === '\\') {
            const escaped = line[at] ?? fail('dangling backslash');
            at++;
            if (escaped === 'n') value += '\n';
            else if (escaped === '\\' || escaped === '"') value += escaped;
            else fail(`bad escape \\${escaped}`);
          } else value += char;
        }
        labels[label] = value;
        if (line[at] === ',') at++;
        else if (line[at] !== '}') fail('expected , or }');
      }
      at++;
    }
    if (line[at] !== ' ') fail('expected a space before the value');
    const valueText = line.slice(at + 1);
    const value = parseValue(valueText);
    if (Number.isNaN(value) && valueText !== 'NaN') fail('bad value');
    samples.push({ name, labels, value });
  });
  const matches = (sample: PrometheusSample, labels: Record<string, string>) =>
    Object.entries(labels).every(([key, value]) => sample.labels[key] === value);
  const find = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((sample) => sample.name === name && matches(sample, labels));
  return {
    samples,
    types,
    find,
    value: (name, labels = {}) =>
      samples.find(
        (sample) =>
          sample.name === name &&
          matches(sample, labels) &&
          Object.keys(sample.labels).length === Object.keys(labels).length,
      )?.value,
  };
}
