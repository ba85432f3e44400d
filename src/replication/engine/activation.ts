import { randomUUID } from 'node:crypto';
import { badRequest, type HvrError } from '../../core/errors.js';
import { parseLosslessJSON } from '../../core/lossless-json.js';
import type { Response } from '../../core/request.js';
import { KEYS } from '../../core/storage-keys.js';
import {
  type ActivationBundle,
  ActivationError,
  decodeActivationToken,
  unwrapAtPrimary,
} from '../activation/activation-token.js';
import { certFingerprint, keyFromParams } from '../activation/replication-ca.js';
import { generateSecondaryKeyPair, openBundle, SealedBundleError } from '../activation/sealed-bundle.js';
import type { Link } from '../link/link.js';
import { peerFor } from '../peers.js';
import type { DrSecondaryState } from '../replication-state.js';
import type { EngineContext } from './context.js';
import { linkFor } from './link-factory.js';

export interface ActivationRequest {
  readonly token: string;
  readonly primaryApiAddr?: string;
  readonly caPem?: string;
}

/** Enable as a secondary: take the bundle, fetch the primary's keys, wipe, install them, start replicating. */
export async function enableSecondary(ctx: EngineContext, req: ActivationRequest): Promise<void> {
  const mode = ctx.roles.state.mode;
  const label = ctx.roles.label;
  if (mode === 'primary') {
    throw badRequest(
      `this cluster is a ${label} primary: disable replication on it before enabling it as a ${label} secondary`,
    );
  }
  if (mode === 'secondary') throw badRequest(`this cluster is already a ${label} secondary`);
  const { bundle, apiAddr } = await bundleFrom(ctx, req);
  try {
    await activate(ctx, bundle, apiAddr);
  } catch (error) {
    if (error instanceof ActivationError) throw badRequest(error.message);
    throw error;
  }
}

/** generate-public-key: the key a primary encrypts an activation token to. */
export async function generatePublicKey(ctx: EngineContext): Promise<string> {
  if (ctx.roles.state.mode === 'primary')
    throw badRequest(
      `this cluster is a ${ctx.roles.label} primary; generate the key on the cluster that will become the secondary`,
    );
  const pair = generateSecondaryKeyPair();
  await ctx.roles.storeSecondaryKey(pair);
  return pair.publicKey;
}

/** The activation bundle from a JWT (unwrapped at the primary) or an encrypted token (opened here). */
export async function bundleFrom(
  ctx: EngineContext,
  req: ActivationRequest,
): Promise<{ bundle: ActivationBundle; apiAddr: string }> {
  const wrongMode = `this activation token was issued for ${ctx.policy.name === 'dr' ? 'performance replication, not DR' : 'DR replication, not performance'}: use a token from ${ctx.policy.tokenPath}`;
  try {
    if (req.token.trim().split('.').length !== 3) {
      const keyPair = await ctx.roles.secondaryKey();
      if (!keyPair) {
        throw new ActivationError(
          `this token is an encrypted activation token, but this cluster has no key: call sys/replication/${ctx.policy.name}/secondary/generate-public-key first`,
        );
      }
      let bundle: ActivationBundle & { primary_api_addr?: string };
      try {
        bundle = parseLosslessJSON(openBundle(req.token, keyPair.privateKey)) as ActivationBundle & {
          primary_api_addr?: string;
        };
      } catch (error) {
        if (error instanceof SealedBundleError) throw new ActivationError(error.message);
        throw error;
      }
      if (bundle.mode !== ctx.policy.secondaryBit) throw new ActivationError(wrongMode);
      return { bundle, apiAddr: bundle.primary_api_addr ?? '' };
    }
    const claims = decodeActivationToken(req.token);
    if (claims.exp > 0 && claims.exp * 1000 < Date.now()) {
      throw new ActivationError(
        `the activation token expired at ${new Date(claims.exp * 1000).toISOString()}; ask the primary for a new one`,
      );
    }
    const apiAddr = req.primaryApiAddr || claims.addr;
    if (!apiAddr)
      throw new ActivationError('the activation token carries no primary address: pass primary_api_addr');
    const bundle = apiAddr.startsWith('embedded://')
      ? await unwrapInProcess(apiAddr, req.token)
      : await unwrapAtPrimary(apiAddr, req.token, req.caPem);
    if (bundle.mode !== ctx.policy.secondaryBit) throw new ActivationError(wrongMode);
    return { bundle, apiAddr };
  } catch (error) {
    if (error instanceof ActivationError) throw badRequest(error.message);
    throw error;
  }
}

/** The pin a bundle gives a secondary: its primary's cluster certificate (absent from older bundles). */
export const pinOf = (bundle: ActivationBundle): { primaryCertSha256?: string } =>
  bundle.primary_cluster_cert ? { primaryCertSha256: certFingerprint(bundle.primary_cluster_cert) } : {};

async function activate(ctx: EngineContext, bundle: ActivationBundle, apiAddr: string): Promise<void> {
  const client = await keyFromParams(bundle.client_key);
  const state: DrSecondaryState = {
    mode: 'secondary',
    clusterId: bundle.cluster_id,
    secondaryId: bundle.id,
    primaryApiAddr: apiAddr,
    primaryClusterAddr: bundle.primary_cluster_addr,
    caCertDer: bundle.ca_cert,
    client: { certDer: bundle.client_cert, key: client, commonName: '' },
    ...pinOf(bundle),
    lastReindexEpoch: 0,
  };
  const link = await linkFor(state);
  if (ctx.policy.secondaryTakesSealKeys) await takeSealKeys(ctx, link, apiAddr);
  await ctx.roles.save(state);
  await ctx.host.storage.setRole('secondary', { rebuild: true });
  await ctx.startRunner(state, link);
}

/** Everything the primary will send replaces what was here: wipe, take its keys, then sync. */
async function takeSealKeys(ctx: EngineContext, link: Link, apiAddr: string): Promise<void> {
  let material: Awaited<ReturnType<Link['keyMaterial']>>;
  try {
    material = await link.keyMaterial();
  } catch (error) {
    await link.close();
    throw new ActivationError(
      `the token was valid, but fetching the replication keys from the primary failed: ${(error as Error).message}`,
    );
  }
  const storage = ctx.host.storage;
  await storage.setRole('off');
  await storage.wipe(() => false);
  await storage.inner.transaction((tx) => {
    tx.put({ key: KEYS.rootKey, value: new Uint8Array(Buffer.from(material.sealedRootKey, 'base64')) });
    tx.put({ key: KEYS.sealConfig, value: new Uint8Array(Buffer.from(material.sealConfig, 'base64')) });
  });
  ctx.host.forgetSealConfig();
  ctx.host.barrier.installKeyring(material.keyring);
  await ctx.sealKeysReplaced(apiAddr);
}

/** Unwraps at a local cluster this process opens itself (the embedded CLI's clusters). */
async function unwrapInProcess(apiAddr: string, token: string): Promise<ActivationBundle> {
  const peer = await peerFor(apiAddr);
  if (!peer) throw new ActivationError(`no local cluster answers at ${apiAddr}`);
  let resp: Response | null;
  try {
    resp = await peer.core.handle({
      id: randomUUID(),
      operation: 'update',
      path: 'sys/wrapping/unwrap',
      data: { token },
      headers: {},
    });
  } catch (error) {
    throw new ActivationError(
      `error response unwrapping secondary token; status code is ${(error as HvrError).status ?? 500}, message is "${(error as Error).message}"`,
    );
  }
  const parsed = parseLosslessJSON(resp?.raw?.body ?? '{}') as { data?: ActivationBundle };
  if (!parsed.data)
    throw new ActivationError('the unwrapped response is not a replication activation bundle');
  return parsed.data;
}
