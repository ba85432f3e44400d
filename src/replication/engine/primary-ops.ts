import { randomUUID } from 'node:crypto';
import { badRequest } from '../../core/errors.js';
import { goJsonValue } from '../../core/go-json.js';
import {
  certFingerprint,
  createReplicationCA,
  type IssuedCert,
  issueCertificate,
  keyParams,
  type ReplicationCA,
} from '../activation/replication-ca.js';
import { SealedBundleError, sealBundle } from '../activation/sealed-bundle.js';
import type { DrPrimaryState } from '../replication-state.js';
import type { EngineContext } from './context.js';

/** What secondary-token produced: a token sealed to the secondary's key, or the bundle to wrap. */
export type SecondaryTokenFact =
  | { readonly kind: 'sealed'; readonly token: string }
  | { readonly kind: 'bundle'; readonly bundle: Record<string, unknown> };

/**
 * The replication CA and the cluster listener's certificate for a primary at
 * `primaryClusterAddr`; a cluster that was a primary before keeps both (its secondaries pinned them).
 */
export async function clusterCertificates(
  ctx: EngineContext,
  primaryClusterAddr: string,
  kept?: { readonly ca: ReplicationCA; readonly server: IssuedCert },
): Promise<{ ca: ReplicationCA; server: IssuedCert }> {
  if (kept) return { ca: kept.ca, server: kept.server };
  const ca = await createReplicationCA();
  const hosts = ['127.0.0.1', 'localhost', ...hostOf(primaryClusterAddr || ctx.host.clusterAddr)];
  return { ca, server: await issueCertificate(ca, { usage: 'server', hosts: [...new Set(hosts)] }) };
}

export async function enablePrimary(ctx: EngineContext, primaryClusterAddr: string): Promise<void> {
  const mode = ctx.roles.state.mode;
  const label = ctx.roles.label;
  if (mode === 'secondary')
    throw badRequest(`this cluster is a ${label} secondary: promote it instead of enabling it as a primary`);
  if (mode === 'primary') throw badRequest(`this cluster is already a ${label} primary`);
  const state: DrPrimaryState = {
    mode: 'primary',
    clusterId: randomUUID(),
    primaryClusterAddr,
    ...(await clusterCertificates(ctx, primaryClusterAddr)),
    secondaries: [],
    lastReindexEpoch: 0,
  };
  await ctx.host.storage.setRole('primary', { rebuild: true });
  await ctx.roles.save(state);
  await ctx.startPrimary(state);
}

export async function secondaryToken(
  ctx: EngineContext,
  id: string,
  secondaryPublicKey?: string,
): Promise<SecondaryTokenFact> {
  const state = ctx.roles.requirePrimary();
  if (!/^\w(([\w.-]+)?\w)?$/.test(id))
    throw badRequest(`invalid secondary id "${id}": use letters, digits, "-", "_" and "."`);
  if (state.secondaries.some((s) => s.id === id && !s.revoked)) {
    throw badRequest(`a secondary with id "${id}" already exists; revoke it first or choose another id`);
  }
  const client = await issueCertificate(state.ca, { usage: 'client' });
  const bundle = {
    ca_cert: state.ca.certDer,
    client_cert: client.certDer,
    client_key: keyParams(client.key),
    cluster_id: state.clusterId,
    encrypted_client_key: null,
    id,
    mode: ctx.policy.secondaryBit,
    nonce: null,
    primary_cluster_addr: state.primaryClusterAddr || ctx.host.clusterAddr,
    primary_cluster_cert: state.server.certDer,
    primary_public_key: null,
  };
  let sealed: string | undefined;
  if (secondaryPublicKey) {
    try {
      sealed = sealBundle(goJsonValue({ ...bundle, primary_api_addr: ctx.host.apiAddr }), secondaryPublicKey);
    } catch (error) {
      if (error instanceof SealedBundleError) throw badRequest(error.message);
      throw error;
    }
  }
  // Known from now on, even if never activated (as Vault lists ids at token time).
  await ctx.roles.save({
    ...state,
    secondaries: [
      ...state.secondaries.filter((s) => s.id !== id),
      { id, certName: client.commonName, fingerprint: certFingerprint(client.certDer), revoked: false },
    ],
  });
  return sealed !== undefined ? { kind: 'sealed', token: sealed } : { kind: 'bundle', bundle };
}

export async function revokeSecondary(ctx: EngineContext, id: string): Promise<void> {
  const state = ctx.roles.requirePrimary();
  if (!state.secondaries.some((s) => s.id === id && !s.revoked))
    throw badRequest(`no secondary with id "${id}" is known`);
  await ctx.roles.save({
    ...state,
    secondaries: state.secondaries.map((s) => (s.id === id ? { ...s, revoked: true } : s)),
  });
  ctx.service?.contacts.delete(id);
  // Long polls of the revoked secondary end now, answered with a refusal.
  ctx.service?.cut(id);
}

export async function disablePrimary(ctx: EngineContext): Promise<void> {
  ctx.roles.requirePrimary();
  await ctx.stopPrimary();
  await ctx.roles.save({ mode: 'disabled' });
  await ctx.host.storage.setRole('off');
}

const hostOf = (addr: string): string[] => {
  try {
    const host = new URL(addr).hostname.replace(/^\[|\]$/g, '');
    return host ? [host] : [];
  } catch {
    // not a URL: no host name to put in the certificate
    return [];
  }
};
