import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './MetricsRegistry.ts';
import { parsePrometheusText } from './testing/parsePrometheusText.ts';

describe('MetricsRegistry', () => {
  it('prints counters and gauges with HELP and TYPE, one line per label combination', () => {
    const registry = new MetricsRegistry();
    const steps = registry.counter('test_steps_total', 'Steps run, by kind.', ['kind']);
    const live = registry.gauge('test_calls_in_progress', 'Calls now.');
    steps.labels('play').inc();
    steps.labels('play').inc(2);
    steps.labels('menu').inc();
    live.labels().set(4);
    live.labels().dec();

    expect(registry.render()).toBe(
      [
        '# HELP test_steps_total Steps run, by kind.',
        '# TYPE test_steps_total counter',
        'test_steps_total{kind="play"} 3',
        'test_steps_total{kind="menu"} 1',
        '# HELP test_calls_in_progress Calls now.',
        '# TYPE test_calls_in_progress gauge',
        'test_calls_in_progress 3',
        '',
      ].join('\n'),
    );
  });

  it('escapes backslashes, quotes and line feeds in label values, and backslashes and line feeds in HELP', () => {
    const registry = new MetricsRegistry();
    const family = registry.counter('test_escape_total', 'Help with a \\ and a\nsecond line "quoted".', [
      'server',
    ]);
    family.labels('a\\b"c"\nd').inc();

    const text = registry.render();
    expect(text).toContain('# HELP test_escape_total Help with a \\\\ and a\\nsecond line "quoted".\n');
    expect(text).toContain('test_escape_total{server="a\\\\b\\"c\\"\\nd"} 1\n');
    // Every sample stays on one line, and a scraper reads the label value back exactly.
    expect(text.split('\n').filter((line) => line.startsWith('test_escape_total'))).toHaveLength(1);
    expect(parsePrometheusText(text).value('test_escape_total', { server: 'a\\b"c"\nd' })).toBe(1);
  });

  it('keeps histogram buckets cumulative and monotonic, with +Inf equal to the count', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('test_latency_seconds', 'Latency.', [0.001, 0.01, 0.1], ['server']);
    const series = latency.labels('a');
    for (const value of [0.0005, 0.001, 0.002, 0.05, 0.05, 0.5, 3]) series.observe(value);
    series.observe(Number.NaN);

    const found = parsePrometheusText(registry.render());
    const buckets = ['0.001', '0.01', '0.1', '+Inf'].map(
      (le) => found.value('test_latency_seconds_bucket', { server: 'a', le }) ?? -1,
    );
    // A value equal to a bound belongs to that bucket (le = less than or equal).
    expect(buckets).toEqual([2, 3, 5, 7]);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]).toBeGreaterThanOrEqual(buckets[i - 1] ?? 0);
    expect(found.value('test_latency_seconds_count', { server: 'a' })).toBe(7);
    expect(found.value('test_latency_seconds_sum', { server: 'a' })).toBeCloseTo(3.6035, 10);
  });

  it('prints an unlabelled histogram with only le on its buckets', () => {
    const registry = new MetricsRegistry();
    registry.histogram('test_plain_seconds', 'Plain.', [0.5]).labels().observe(0.1);
    const text = registry.render();
    expect(text).toContain('test_plain_seconds_bucket{le="0.5"} 1\n');
    expect(text).toContain('test_plain_seconds_bucket{le="+Inf"} 1\n');
    expect(text).toContain('test_plain_seconds_sum 0.1\n');
    expect(text).toContain('test_plain_seconds_count 1\n');
  });

  it('refreshes collected gauges just before each scrape, and a failing collector spoils nothing else', () => {
    const registry = new MetricsRegistry();
    const live = registry.gauge('test_live', 'Live.').labels();
    let now = 1;
    registry.onCollect(() => live.set(now));
    registry.onCollect(() => {
      throw new Error('source gone');
    });
    expect(parsePrometheusText(registry.render()).value('test_live')).toBe(1);
    now = 7;
    expect(parsePrometheusText(registry.render()).value('test_live')).toBe(7);
  });

  it('never lets a counter go down', () => {
    const registry = new MetricsRegistry();
    const counter = registry.counter('test_up_total', 'Up.').labels();
    counter.inc(5);
    counter.inc(-3);
    counter.setTotal(2);
    expect(counter.value).toBe(5);
  });

  it('refuses invalid or duplicate names, wrong label counts and unsorted buckets', () => {
    const registry = new MetricsRegistry();
    registry.counter('test_once_total', 'Once.', ['kind']);
    expect(() => registry.counter('test_once_total', 'Again.')).toThrow(/registered twice/);
    expect(() => registry.counter('test-bad', 'Bad.')).toThrow(/invalid metric name/);
    expect(() => registry.counter('test_label_total', 'Bad.', ['__reserved'])).toThrow(/invalid label/);
    expect(() => registry.histogram('test_le_seconds', 'Bad.', [1], ['le'])).toThrow(/le/);
    expect(() => registry.histogram('test_order_seconds', 'Bad.', [1, 0.5])).toThrow(/increase/);
    const family = registry.counter('test_two_total', 'Two.', ['a', 'b']);
    expect(() => family.labels('x')).toThrow(/takes 2 label values, got 1/);
  });
});
