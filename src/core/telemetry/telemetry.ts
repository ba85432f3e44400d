import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import type { Counter, Gauge, Registry, Summary } from 'prom-client';
import { IntervalSink, type Labels } from './interval-sink.js';

/** Vault's `telemetry` stanza, the parts hvr uses. */
export interface TelemetryOptions {
  /** Seconds Prometheus series are kept; 0 turns the Prometheus format off. Vault's default: 24h. */
  readonly prometheusRetentionSeconds?: number;
  /** Leave the host name out of gauge names (go-metrics' EnableHostname is the default). */
  readonly disableHostname?: boolean;
  readonly hostname?: string;
}

export interface MetricsAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * prom-client, loaded on first use: it takes long to import, and an embedded CLI command that
 * never records a metric should not pay for it.
 */
let promClient: typeof import('prom-client') | undefined;
const prom = (): typeof import('prom-client') =>
  (promClient ??= createRequire(import.meta.url)('prom-client') as typeof import('prom-client'));

export const DEFAULT_PROMETHEUS_RETENTION_SECONDS = 24 * 60 * 60;
const SERVICE = 'vault';

/** go-metrics' prometheus sink: dots and anything else outside [a-zA-Z0-9_] become `_`. */
const promName = (dotted: string): string => dotted.replace(/[^a-zA-Z0-9_]/g, '_');

/**
 * The node's metrics, under Vault's names (`vault.core.handle_request`, `vault.replication.*`):
 * kept both in go-metrics' 10-second in-memory intervals (the JSON answer of sys/metrics)
 * and in a prom-client registry (`format=prometheus`).
 */
export class Telemetry {
  private registryInstance: Registry | undefined;
  private readonly sink = new IntervalSink();
  private readonly gauges = new Map<string, Gauge>();
  private readonly counters = new Map<string, Counter>();
  private readonly summaries = new Map<string, Summary>();
  private readonly collectors: (() => Promise<void> | void)[] = [];
  private options: TelemetryOptions = {};

  configure(options: TelemetryOptions): void {
    this.options = options;
  }

  get prometheusEnabled(): boolean {
    return (this.options.prometheusRetentionSeconds ?? DEFAULT_PROMETHEUS_RETENTION_SECONDS) > 0;
  }

  /** Runs before every scrape, to set gauges read from elsewhere (replication state). */
  onCollect(collect: () => Promise<void> | void): void {
    this.collectors.push(collect);
  }

  /** `key` without the `vault.` prefix, e.g. `replication.wal.last_wal`. */
  setGauge(key: string, value: number, labels: Labels = {}): void {
    const name = this.options.disableHostname
      ? `${SERVICE}.${key}`
      : `${SERVICE}.${this.options.hostname ?? hostname()}.${key}`;
    this.sink.setGauge(name, value, labels);
    this.metric(
      this.gauges,
      name,
      labels,
      (n, help, labelNames) => new (prom().Gauge)({ name: n, help, labelNames, registers: [this.registry] }),
    ).set(labels, value);
  }

  /** Drops every series of a labelled gauge, before it is set afresh (gone secondaries). */
  resetGauge(key: string): void {
    for (const [name, gauge] of this.gauges) if (name.endsWith(`.${key}`)) gauge.reset();
  }

  incrCounter(key: string, value = 1, labels: Labels = {}): void {
    const name = `${SERVICE}.${key}`;
    this.sink.incrCounter(name, value, labels);
    this.metric(
      this.counters,
      name,
      labels,
      (n, help, labelNames) =>
        new (prom().Counter)({ name: n, help, labelNames, registers: [this.registry] }),
    ).inc(labels, value);
  }

  /** A timing in milliseconds (go-metrics' MeasureSince) or any other sampled value. */
  addSample(key: string, value: number, labels: Labels = {}): void {
    const name = `${SERVICE}.${key}`;
    this.sink.addSample(name, value, labels);
    this.metric(
      this.summaries,
      name,
      labels,
      (n, help, labelNames) =>
        new (prom().Summary)({
          name: n,
          help,
          labelNames,
          percentiles: [0.5, 0.9, 0.99],
          maxAgeSeconds: 10,
          ageBuckets: 5,
          registers: [this.registry],
        }),
    ).observe(labels, value);
  }

  measureSince(key: string, startedMs: number, labels: Labels = {}): void {
    this.addSample(key, performance.now() - startedMs, labels);
  }

  /** sys/metrics in `format` ('' or 'prometheus'), as Vault's MetricsHelper.ResponseForFormat answers. */
  async respond(format: string): Promise<MetricsAnswer> {
    if (format !== '' && format !== 'prometheus') {
      return { status: 400, contentType: 'text/plain', body: `metric response format "${format}" unknown` };
    }
    if (format === 'prometheus' && !this.prometheusEnabled) {
      return { status: 400, contentType: 'text/plain', body: 'prometheus is not enabled' };
    }
    for (const collect of this.collectors) await collect();
    if (format === 'prometheus') {
      return { status: 200, contentType: this.registry.contentType, body: await this.registry.metrics() };
    }
    return { status: 200, contentType: 'application/json', body: JSON.stringify(this.sink.display()) };
  }

  private get registry(): Registry {
    this.registryInstance ??= new (prom().Registry)();
    return this.registryInstance;
  }

  private metric<M>(
    into: Map<string, M>,
    name: string,
    labels: Labels,
    make: (name: string, help: string, labelNames: string[]) => M,
  ): M {
    let metric = into.get(name);
    if (!metric) {
      metric = make(promName(name), name, Object.keys(labels).sort());
      into.set(name, metric);
    }
    return metric;
  }
}
