import { primaryActions, revokeButton, secondaryActions } from './actions.js';
import { call, errorText, type Json, text, warningsOf } from './api.js';
import { lagChart, type Point } from './chart.js';
import { button, h, notice, replace } from './dom.js';
import { findSeries, parseExposition } from './prometheus.js';
import { addSecondaryForm } from './secondary-token.js';

const REFRESH_MS = 2_000;
const WINDOW_MS = 5 * 60_000;

/** Kept across view changes, for the lag chart of the last minutes. */
const lagHistory: Point[] = [];
const walHistory: Point[] = [];

const str = (v: unknown): string => (v === undefined || v === null ? '—' : String(v));

function keep(points: Point[], point: Point): void {
  points.push(point);
  while (points.length > 0 && (points[0]?.t ?? 0) < point.t - WINDOW_MS) points.shift();
}

/** Seconds since the primary's last_wal passed what a secondary `behind` entries back has applied. */
function secondsBehind(lastWal: number, behind: number, now: number): string {
  if (behind <= 0) return '0';
  const applied = lastWal - behind;
  const first = walHistory.find((p) => p.v > applied);
  if (!first) return '—';
  return ((now - first.t) / 1000).toFixed(1);
}

function facts(rows: [string, string][]): HTMLElement {
  return h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function table(caption: string, head: string[], rows: (string | Node)[][]): HTMLElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  );
}

/** The replication dashboard of this cluster; refreshes itself until stop(). */
export function dashboard(onEnable: () => void): { el: HTMLElement; stop(): void } {
  const warnings = h('div', {});
  const body = h('div', {});
  const toolbar = h('div', { class: 'row toolbar' });
  const panel = h('div', {});
  const results = h('div', { 'aria-live': 'polite' });
  const targets = { panel, results };
  const stamp = h('p', { class: 'hint', 'aria-live': 'off' });
  let mode = '';
  let timer: number | undefined;
  let stopped = false;

  const refresh = async () => {
    try {
      const status = await call('sys/replication/status', { anonymous: true });
      const data = (status.data ?? {}) as Json;
      const dr = (data.dr ?? {}) as Json;
      const perf = (data.performance ?? {}) as Json;
      const metrics = await text('sys/metrics?format=prometheus').then(parseExposition, () => null);
      render(dr, perf, warningsOf(status), metrics);
    } catch (error) {
      replace(warnings, notice('error', `Could not read the replication status: ${errorText(error)}`));
    }
    if (!stopped) timer = window.setTimeout(() => void refresh(), REFRESH_MS);
  };

  const render = (dr: Json, perf: Json, warningList: string[], metrics: Map<string, number> | null) => {
    const now = Date.now();
    const drMode = String(dr.mode ?? 'disabled');
    replace(warnings, ...warningList.map((w) => notice('warning', w)));
    if (drMode !== mode) {
      mode = drMode;
      replace(panel);
      replace(
        toolbar,
        ...(drMode === 'primary'
          ? [
              button('Add Secondary', () =>
                replace(
                  panel,
                  addSecondaryForm(() => replace(panel)),
                ),
              ),
              ...primaryActions(targets),
            ]
          : drMode === 'secondary'
            ? secondaryActions(targets)
            : [button('Enable Replication', onEnable, { class: 'primary' })]),
      );
    }
    const perfCard = h(
      'section',
      { class: 'card', 'aria-label': 'Performance replication' },
      h('h3', {}, 'Performance'),
      facts([['Mode', str(perf.mode)]]),
    );
    if (drMode === 'disabled') {
      replace(
        body,
        h(
          'section',
          { class: 'card', 'aria-label': 'Disaster Recovery replication' },
          h('h3', {}, 'Disaster Recovery'),
          facts([['Mode', 'disabled']]),
          h('p', {}, 'DR replication is not enabled on this cluster.'),
        ),
        perfCard,
      );
      stamp.textContent = `Refreshed ${new Date(now).toLocaleTimeString()}`;
      return;
    }
    const lastWal = Number(dr.last_wal ?? 0);
    if (drMode === 'primary') keep(walHistory, { t: now, v: lastWal });
    const lagOf = (id: string) =>
      metrics
        ? findSeries(metrics, `replication_dr_primary_secondary_wal_lag{secondary_id="${id}"}`)
        : undefined;
    const secondaries = (Array.isArray(dr.secondaries) ? dr.secondaries : []) as Json[];
    const known = (Array.isArray(dr.known_secondaries) ? dr.known_secondaries : []).map(String);
    let lag: number | undefined;
    if (drMode === 'primary') {
      const lags = known.map(lagOf).filter((v): v is number => v !== undefined);
      lag = lags.length > 0 ? Math.max(...lags) : undefined;
    } else if (metrics) {
      lag = findSeries(metrics, 'replication_dr_secondary_wal_lag');
    }
    if (lag !== undefined) keep(lagHistory, { t: now, v: lag });
    const rows: [string, string][] = [
      ['Mode', drMode],
      ['State', str(dr.state)],
      ['Cluster ID', str(dr.cluster_id)],
      drMode === 'primary' ? ['last_wal', str(dr.last_wal)] : ['last_remote_wal', str(dr.last_remote_wal)],
      ['Merkle root', str(dr.merkle_root)],
      ['Lag (WAL entries)', lag === undefined ? 'unknown (sys/metrics not readable)' : String(lag)],
    ];
    if (drMode === 'primary' && lag !== undefined)
      rows.push(['Lag (seconds, approx.)', secondsBehind(lastWal, lag, now)]);
    if (drMode === 'secondary')
      rows.push(['Connection', str(dr.connection_state)], ['Secondary ID', str(dr.secondary_id)]);
    const drCard = h(
      'section',
      { class: 'card', 'aria-label': 'Disaster Recovery replication' },
      h('h3', {}, 'Disaster Recovery'),
      facts(rows),
      h(
        'figure',
        {},
        lagChart(lagHistory, WINDOW_MS, 'WAL lag over the last 5 minutes'),
        h('figcaption', {}, 'WAL lag, last 5 minutes'),
      ),
    );
    const peers =
      drMode === 'primary'
        ? table(
            'Secondaries',
            ['Secondary ID', 'Connection', 'Last heartbeat', 'API address', 'WAL lag', 'Actions'],
            known.map((id) => {
              const s = secondaries.find((x) => x.node_id === id) ?? {};
              return [
                id,
                str(s.connection_status ?? 'never connected'),
                str(s.last_heartbeat),
                str(s.api_address),
                str(lagOf(id)),
                revokeButton(id, targets),
              ];
            }),
          )
        : table(
            'Primary',
            ['API address', 'Cluster address', 'Connection', 'Last heartbeat'],
            ((Array.isArray(dr.primaries) ? dr.primaries : []) as Json[]).map((p) => [
              str(p.api_address),
              str(p.cluster_address),
              str(p.connection_status),
              str(p.last_heartbeat),
            ]),
          );
    replace(body, drCard, h('section', { class: 'card' }, peers), perfCard);
    stamp.textContent = `Refreshed ${new Date(now).toLocaleTimeString()}`;
  };

  void refresh();
  const el = h(
    'section',
    { 'aria-labelledby': 'dashboard-title' },
    h('h2', { id: 'dashboard-title' }, 'Replication'),
    warnings,
    results,
    toolbar,
    panel,
    body,
    stamp,
  );
  return {
    el,
    stop() {
      stopped = true;
      if (timer !== undefined) window.clearTimeout(timer);
    },
  };
}
