import { badRequest, HvrError } from '../../core/errors.js';
import { keyFromParams } from '../activation/replication-ca.js';
import type { DrPrimaryState, DrSecondaryState } from '../replication-state.js';
import { type WriteRecord, writeContext } from '../write-context.js';
import { bundleFrom, pinOf } from './activation.js';
import type { EngineContext } from './context.js';
import { linkFor } from './link-factory.js';
import { clusterCertificates } from './primary-ops.js';

export interface ZeroRpo {
  readonly minAcks: number;
  readonly ackTimeoutMs: number;
}

/**
 * Promote: this secondary becomes the primary of the same replication set (same cluster
 * id). Tokens and leases it received keep working. Refused with 503 while it is not yet
 * consistent with its primary, unless `force`.
 */
export async function promote(
  ctx: EngineContext,
  opts: { force: boolean; primaryClusterAddr: string },
): Promise<void> {
  const state = ctx.roles.state;
  const label = ctx.roles.label;
  if (state.mode !== 'secondary')
    throw badRequest(`this cluster is not a ${label} secondary; only a ${label} secondary can be promoted`);
  const runner = ctx.runner;
  const consistent = runner === null ? ctx.host.storage.lastRemoteWal > 0 : runner.consistent;
  if (!opts.force && !consistent) {
    throw new HvrError(
      'HVR_NOT_CONSISTENT',
      503,
      `this secondary is not yet consistent with its primary (state ${runner?.state ?? 'idle'}); retry once it reaches stream-wals, or pass force=true to promote now and accept losing what it has not received`,
    );
  }
  await ctx.stopRunner();
  const promoted: DrPrimaryState = {
    mode: 'primary',
    clusterId: state.clusterId,
    primaryClusterAddr: opts.primaryClusterAddr,
    ...(await clusterCertificates(ctx, opts.primaryClusterAddr, state.formerPrimary)),
    secondaries: state.formerPrimary?.secondaries ?? [],
    lastReindexEpoch: state.lastReindexEpoch,
    ...(state.primaryClusterAddr && state.client
      ? {
          formerPrimary: {
            clusterAddr: state.primaryClusterAddr,
            caCertDer: state.caCertDer,
            client: state.client,
            ...(state.primaryCertSha256 ? { primaryCertSha256: state.primaryCertSha256 } : {}),
          },
        }
      : {}),
  };
  await ctx.roles.save(promoted);
  await ctx.host.storage.setRole('primary');
  await ctx.host.reload();
  await ctx.startPrimary(promoted);
}

/** Demote: this primary becomes a secondary connected to nothing, keeping its data and cluster id. */
export async function demote(ctx: EngineContext): Promise<void> {
  const state = ctx.roles.state;
  const label = ctx.roles.label;
  if (state.mode !== 'primary')
    throw badRequest(`this cluster is not a ${label} primary; only a ${label} primary can be demoted`);
  await ctx.stopPrimary();
  const demoted: DrSecondaryState = {
    mode: 'secondary',
    clusterId: state.clusterId,
    secondaryId: '',
    primaryApiAddr: '',
    primaryClusterAddr: '',
    caCertDer: '',
    client: null,
    lastReindexEpoch: state.lastReindexEpoch,
    formerPrimary: { ca: state.ca, server: state.server, secondaries: state.secondaries },
  };
  await ctx.roles.save(demoted);
  await ctx.host.storage.setRole('secondary');
}

export interface UpdatePrimaryRequest {
  readonly token?: string;
  readonly primaryApiAddr?: string;
  readonly caPem?: string;
  readonly updatePrimaryAddrs?: readonly string[];
}

/**
 * update-primary: attach this secondary to a (new) primary of the same replication set
 * without a wipe; it reconciles by merkle diff. `token` "" forgets the primary.
 */
export async function updatePrimary(ctx: EngineContext, opts: UpdatePrimaryRequest): Promise<void> {
  const state = ctx.roles.state;
  const name = ctx.policy.name;
  if (state.mode !== 'secondary')
    throw badRequest(
      `this cluster is not a ${ctx.roles.label} secondary; update-primary re-points a secondary`,
    );
  const addrs = opts.updatePrimaryAddrs ?? [];
  if (opts.token !== undefined && opts.token !== '' && addrs.length > 0) {
    throw badRequest(
      '"token" and "update_primary_addrs" cannot be used together: pass an activation token from the new primary, or the addresses to try, not both',
    );
  }
  await ctx.stopRunner();
  if (addrs.length > 0) return tryAddresses(ctx, state, addrs);
  if (!opts.token) {
    await ctx.roles.save({ ...state, primaryClusterAddr: '', primaryApiAddr: '' });
    return;
  }
  const { bundle, apiAddr } = await bundleFrom(ctx, { ...opts, token: opts.token });
  if (bundle.cluster_id !== state.clusterId) {
    throw badRequest(
      `the activation token is for replication set ${bundle.cluster_id}, not this secondary's ${state.clusterId}; use sys/replication/${name}/secondary/enable (which wipes) to join another set`,
    );
  }
  const attached: DrSecondaryState = {
    ...state,
    secondaryId: bundle.id,
    primaryApiAddr: apiAddr,
    primaryClusterAddr: bundle.primary_cluster_addr,
    caCertDer: bundle.ca_cert,
    client: { certDer: bundle.client_cert, key: await keyFromParams(bundle.client_key), commonName: '' },
    ...pinOf(bundle),
  };
  const link = await linkFor(attached);
  await ctx.roles.save(attached);
  await ctx.startRunner(attached, link, true);
}

/** The first address that answers as a primary of this secondary's set becomes its primary. */
async function tryAddresses(
  ctx: EngineContext,
  state: DrSecondaryState,
  addrs: readonly string[],
): Promise<void> {
  if (!state.client) {
    throw badRequest(
      'update_primary_addrs needs the credentials of a previous activation; this secondary has none (a demoted primary): use token',
    );
  }
  const tried: string[] = [];
  for (const addr of addrs) {
    const candidate: DrSecondaryState = { ...state, primaryClusterAddr: addr };
    const link = await linkFor(candidate);
    try {
      const reply = await link.heartbeat({
        lastRemoteWal: ctx.host.storage.lastRemoteWal,
        apiAddr: ctx.host.apiAddr,
        clusterAddr: ctx.host.clusterAddr,
        time: Date.now(),
      });
      if (reply.clusterId !== state.clusterId)
        throw new Error(`it belongs to replication set ${reply.clusterId}`);
      await ctx.roles.save(candidate);
      await ctx.startRunner(candidate, link, true);
      return;
    } catch (error) {
      tried.push(`${addr}: ${(error as Error).message}`);
      await link.close();
    }
  }
  throw badRequest(
    `no address in update_primary_addrs answered as this secondary's primary: ${tried.join('; ')}`,
  );
}

// ---- zero-RPO mode (beyond Vault) ------------------------------------------------------------

/** The zero-RPO setting of this primary, or undefined when writes are asynchronous (the default). */
export function zeroRpoOf(ctx: EngineContext): ZeroRpo | undefined {
  const state = ctx.roles.state;
  return state.mode === 'primary' && state.zeroRpo && state.zeroRpo.minAcks > 0 ? state.zeroRpo : undefined;
}

export async function setZeroRpo(ctx: EngineContext, minAcks: number, ackTimeoutMs: number): Promise<void> {
  const state = ctx.roles.requirePrimary();
  if (!Number.isInteger(minAcks) || minAcks < 0)
    throw badRequest('min_acks must be a whole number, 0 for asynchronous replication');
  if (minAcks > 0 && ackTimeoutMs <= 0) throw badRequest('ack_timeout must be positive');
  const { zeroRpo: _previous, ...rest } = state;
  await ctx.roles.save(minAcks === 0 ? rest : { ...rest, zeroRpo: { minAcks, ackTimeoutMs } });
}

/**
 * Runs a request's writes; in zero-RPO mode waits until enough secondaries applied them,
 * and on timeout rolls them back (a replicated write of the old values) and fails.
 */
export async function synchronous<T>(ctx: EngineContext, run: () => Promise<T>): Promise<T> {
  const mode = zeroRpoOf(ctx);
  if (!mode) return run();
  const record: WriteRecord = { maxWal: 0, changes: [] };
  const result = await writeContext.run(record, run);
  if (record.maxWal === 0) return result;
  const acked = (await ctx.service?.awaitAcks(record.maxWal, mode.minAcks, mode.ackTimeoutMs)) ?? false;
  if (acked) return result;
  await writeContext.exit(() => ctx.host.storage.undo(record.changes));
  throw new HvrError(
    'HVR_ZERO_RPO_TIMEOUT',
    503,
    `zero-RPO mode: the write was not applied by ${mode.minAcks} DR secondar${mode.minAcks === 1 ? 'y' : 'ies'} within ${mode.ackTimeoutMs} ms, so it was rolled back and is not stored; check sys/replication/dr/status for the secondaries' connection_status, or lower min_acks at sys/replication/dr/primary/zero-rpo`,
  );
}
