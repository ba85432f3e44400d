import { describe, expect, test } from 'vitest';
import { IntervalSink } from '../../src/core/telemetry/interval-sink.js';

describe('IntervalSink (go-metrics InmemSink.DisplayMetrics)', () => {
  test('shows the current interval alone, then the last complete one, with Vault’s sample fields', () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 3);
    const sink = new IntervalSink(() => now);
    sink.addSample('vault.core.handle_request', 2, {});
    sink.addSample('vault.core.handle_request', 4, {});
    sink.incrCounter('vault.route.read', 1, { mount: 'secret/' });
    sink.setGauge('vault.replication.wal.last_wal', 7, {});
    const first = sink.display();
    expect(first.Timestamp).toBe('2026-01-01 12:00:00 +0000 UTC');
    expect(first.Samples).toEqual([
      {
        Name: 'vault.core.handle_request',
        Count: 2,
        Rate: 0.6,
        Sum: 6,
        Min: 2,
        Max: 4,
        Mean: 3,
        Stddev: Math.SQRT2,
        Labels: {},
      },
    ]);
    expect(first.Counters[0]).toMatchObject({
      Name: 'vault.route.read',
      Count: 1,
      Labels: { mount: 'secret/' },
    });

    now += 10_000;
    sink.addSample('vault.core.handle_request', 100, {});
    sink.setGauge('vault.replication.wal.last_wal', 9, {});
    const second = sink.display();
    expect(second.Timestamp).toBe('2026-01-01 12:00:00 +0000 UTC');
    expect(second.Samples[0]).toMatchObject({ Count: 2, Max: 4 });
    // Gauges are read at scrape time: the newest value shows.
    expect(second.Gauges).toEqual([{ Name: 'vault.replication.wal.last_wal', Value: 9, Labels: {} }]);
  });
});
