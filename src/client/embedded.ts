import { dirname } from 'node:path';
import type { Core } from '../core/core.js';
import { closePeers, setPeerOpener } from '../replication/peers.js';
import { type ApiHandler, createApiHandler } from '../server/api-handler.js';
import type { Client, WireRequest, WireResponse } from './client.js';
import {
  type DataDirInput,
  type DataDirLayout,
  dataDirLayout,
  ensureDataDir,
  readKeys,
  replaceKeys,
} from './data-dir.js';
import { openNode } from './embedded-node.js';
import { ClientConfigError } from './errors.js';
import { parseAddress, wireTarget } from './request-url.js';
import { type WireDefaults, wireBody, wireHeaders } from './wire-encode.js';

export interface EmbeddedOptions extends DataDirInput {
  /** The token to send; default the stored root token (the caller passes VAULT_TOKEN / helper's). */
  readonly token?: string;
  readonly namespace?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** How long to wait for another process initialising the same directory; default 30 s. */
  readonly lockTimeoutMs?: number;
}

/** Where the embedded node keeps its files; the CLI tells the user once, when `created`. */
export interface EmbeddedPaths {
  readonly dir: string;
  readonly storageFile: string;
  readonly unsealKeyFile: string;
  readonly rootTokenFile: string;
}

/** How long an embedded DR secondary waits to catch up with its primary before a command runs. */
const CATCH_UP_MS = 30_000;

/** The host of the web Requests handed to the API handler; never resolved. */
const EMBEDDED_ORIGIN = 'http://embedded';
const utf8 = new TextEncoder();

/**
 * The Client that is its own server: a node over `<home>/<cluster>/` in this process. Requests
 * are web Requests handed straight to the same API handler the listener uses (no socket), so
 * status codes and bodies are those of HTTP, byte for byte.
 */
export class EmbeddedClient implements Client {
  readonly address: string;
  token: string | undefined;
  private readonly handler: ApiHandler;
  private readonly defaults: Omit<WireDefaults, 'token'>;
  private closed = false;

  private constructor(
    readonly core: Core,
    readonly cluster: string,
    /** The root token stored in the directory. */
    readonly rootToken: string,
    /** True when this open initialised the directory (keys written, `secret/` mounted). */
    readonly created: boolean,
    readonly paths: EmbeddedPaths,
    opts: EmbeddedOptions,
  ) {
    this.address = `embedded://${cluster}`;
    this.token = opts.token ?? rootToken;
    this.defaults = {
      ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
      ...(opts.headers === undefined ? {} : { headers: opts.headers }),
    };
    this.handler = createApiHandler({ handle: (req) => core.handle(req) });
  }

  /** @internal Use openEmbedded. */
  static async open(layout: DataDirLayout, opts: EmbeddedOptions): Promise<EmbeddedClient> {
    await ensureDataDir(layout);
    const nodeOptions = {
      ...(opts.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: opts.lockTimeoutMs }),
    };
    // Another local cluster named in a token or link (dc1 for a dc2 secondary) opens in this process.
    setPeerOpener(async (name) => {
      const peerLayout = dataDirLayout({ home: dirname(layout.dir), cluster: name });
      const peer = await openNode(peerLayout, nodeOptions);
      return { core: peer.core, close: () => peer.core.close() };
    });
    const node = await openNode(layout, nodeOptions);
    // A local secondary is unsealed with its primary's key from then on: keep the stored key in step.
    node.core.replication.onSealKeysReplaced = async (primaryApiAddr) => {
      const name = /^embedded:\/\/([^/]+)/.exec(primaryApiAddr)?.[1];
      if (!name) return;
      const primaryKeys = await readKeys(dataDirLayout({ home: dirname(layout.dir), cluster: name }));
      if (primaryKeys) await replaceKeys(layout, primaryKeys);
    };
    await node.core.replication.catchUp(CATCH_UP_MS);
    const paths: EmbeddedPaths = {
      dir: layout.dir,
      storageFile: layout.storageFile,
      unsealKeyFile: layout.unsealKeyFile,
      rootTokenFile: layout.rootTokenFile,
    };
    return new EmbeddedClient(node.core, layout.cluster, node.keys.rootToken, node.created, paths, opts);
  }

  async send(req: WireRequest): Promise<WireResponse> {
    if (this.closed) throw new ClientConfigError(`the embedded node ${this.address} is closed`);
    const headers = wireHeaders({ ...this.defaults, token: this.token }, req);
    const body = wireBody(req);
    const { target } = wireTarget(parseAddress(this.address), req.path, req.query);
    // Bytes, not a string: a string body would add `Content-Type: text/plain`, which HTTP lacks.
    const request = new Request(EMBEDDED_ORIGIN + target, {
      method: req.method,
      headers,
      ...(body === undefined ? {} : { body: utf8.encode(body) }),
    });
    const response = await this.handler(request, { target });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    return { status: response.status, headers: out, text: await response.text() };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.core.close();
    await closePeers();
  }
}

/**
 * Opens (creating on first use) the embedded node for `cluster` under `home`:
 * home = `home` ?? HVR_HOME ?? ~/.hvr; cluster = `cluster` ?? HVR_CLUSTER ?? `default`.
 * Throws DataDirError when the directory cannot be created, locked, read or written.
 */
export async function openEmbedded(opts: EmbeddedOptions = {}): Promise<EmbeddedClient> {
  return EmbeddedClient.open(dataDirLayout(opts), opts);
}
