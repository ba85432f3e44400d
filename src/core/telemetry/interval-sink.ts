/**
 * The JSON side of sys/metrics: go-metrics' in-memory sink, whose 10-second intervals Vault
 * shows as Gauges/Points/Counters/Samples (`InmemSink.DisplayMetrics`).
 */
export type Labels = Readonly<Record<string, string>>;

interface Aggregate {
  name: string;
  labels: Labels;
  count: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
}

interface Interval {
  start: number;
  gauges: Map<string, { name: string; value: number; labels: Labels }>;
  counters: Map<string, Aggregate>;
  samples: Map<string, Aggregate>;
}

export interface SampledValue {
  Name: string;
  Count: number;
  Rate: number;
  Sum: number;
  Min: number;
  Max: number;
  Mean: number;
  Stddev: number;
  Labels: Labels;
}

export interface MetricsSummary {
  Timestamp: string;
  Gauges: { Name: string; Value: number; Labels: Labels }[];
  Points: { Name: string; Points: number[] }[];
  Counters: SampledValue[];
  Samples: SampledValue[];
}

const INTERVAL_MS = 10_000;
/** Vault keeps one minute of intervals. */
const RETAIN_INTERVALS = 6;

const seriesKey = (name: string, labels: Labels): string =>
  `${name}\u0000${Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join('\u0000')}`;

/** Go's `time.Time.String()` for a UTC instant, as go-metrics prints Timestamp. */
function goTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

export class IntervalSink {
  private readonly intervals: Interval[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  setGauge(name: string, value: number, labels: Labels): void {
    this.current().gauges.set(seriesKey(name, labels), { name, value, labels });
  }

  incrCounter(name: string, value: number, labels: Labels): void {
    add(this.current().counters, name, value, labels);
  }

  addSample(name: string, value: number, labels: Labels): void {
    add(this.current().samples, name, value, labels);
  }

  /**
   * The last complete interval, or the current one when it is the only one (DisplayMetrics).
   * Gauges are read at scrape time, so the current interval's values win over older ones.
   */
  display(): MetricsSummary {
    const now = this.current();
    const n = this.intervals.length;
    const interval = (n >= 2 ? this.intervals[n - 2] : this.intervals[n - 1]) as Interval;
    const gauges = new Map([...interval.gauges, ...now.gauges]);
    const seconds = INTERVAL_MS / 1000;
    const byName = <T extends { Name: string }>(a: T, b: T) =>
      a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0;
    return {
      Timestamp: goTimestamp(interval.start),
      Gauges: [...gauges.values()]
        .map((g) => ({ Name: g.name, Value: g.value, Labels: g.labels }))
        .sort(byName),
      Points: [],
      Counters: [...interval.counters.values()].map((a) => sampled(a, seconds)).sort(byName),
      Samples: [...interval.samples.values()].map((a) => sampled(a, seconds)).sort(byName),
    };
  }

  private current(): Interval {
    const start = Math.floor(this.now() / INTERVAL_MS) * INTERVAL_MS;
    const last = this.intervals[this.intervals.length - 1];
    if (last?.start === start) return last;
    const next: Interval = { start, gauges: new Map(), counters: new Map(), samples: new Map() };
    this.intervals.push(next);
    while (this.intervals.length > RETAIN_INTERVALS) this.intervals.shift();
    return next;
  }
}

function add(into: Map<string, Aggregate>, name: string, value: number, labels: Labels): void {
  const key = seriesKey(name, labels);
  const agg = into.get(key);
  if (!agg) {
    into.set(key, { name, labels, count: 1, sum: value, sumSq: value * value, min: value, max: value });
    return;
  }
  agg.count += 1;
  agg.sum += value;
  agg.sumSq += value * value;
  agg.min = Math.min(agg.min, value);
  agg.max = Math.max(agg.max, value);
}

function sampled(a: Aggregate, seconds: number): SampledValue {
  const mean = a.sum / a.count;
  const variance = a.count > 1 ? (a.sumSq - a.count * mean * mean) / (a.count - 1) : 0;
  return {
    Name: a.name,
    Count: a.count,
    Rate: a.sum / seconds,
    Sum: a.sum,
    Min: a.min,
    Max: a.max,
    Mean: mean,
    Stddev: Math.sqrt(Math.max(0, variance)),
    Labels: a.labels,
  };
}
