import type { Secret } from '../../client/secret.js';
import type { ExitCode } from './exit-code.js';
import { isGoMap } from './go-value.js';
import { headerForMap, pathSection } from './kv-layout.js';
import { mapField, rawField } from './raw-field.js';
import type { RenderContext } from './render-context.js';
import { printRawField } from './render-field.js';
import { outputMap, outputSecret, printWarnings } from './render-secret.js';

/** Options of the `vault kv` layouts: the full API path and whether the mount is KV v2. */
export interface KvLayoutOptions {
  /** The API path shown under `Secret Path` and in errors, e.g. `secret/data/creds`. */
  readonly path: string;
  readonly v2: boolean;
}

const asMap = (v: unknown): Readonly<Record<string, unknown>> | undefined => (isGoMap(v) ? v : undefined);

/** `vault kv get -field=NAME` (command/kv_get.go): v2 looks inside `data.data`. */
export function kvGetField(
  ctx: RenderContext,
  secret: Secret,
  name: string,
  opts: KvLayoutOptions,
): ExitCode {
  if (!opts.v2) return printRawField(ctx, rawField(secret, name), name);
  const inner = secret.data?.data;
  if (inner === undefined || inner === null) {
    ctx.ui.error(`No data found at ${opts.path}`);
    return 2;
  }
  const innerMap = asMap(inner);
  if (name === 'data') {
    if (innerMap && Object.hasOwn(innerMap, 'data'))
      return printRawField(ctx, mapField(innerMap, name), name);
    return printRawField(ctx, rawField(secret, name), name);
  }
  return printRawField(ctx, innerMap ? mapField(innerMap, name) : undefined, name);
}

/** `vault kv get`: Secret Path (v2), Metadata and Data sections in a table, else the secret. */
export function kvGet(ctx: RenderContext, secret: Secret, opts: KvLayoutOptions): ExitCode {
  if (secret.wrap_info || ctx.format !== 'table') return outputSecret(ctx, secret);
  printWarnings(ctx, secret.warnings);
  if (opts.v2) for (const line of pathSection(opts.path, 'Secret Path')) ctx.ui.info(line);
  const metadata = asMap(secret.data?.metadata);
  if (metadata) {
    ctx.ui.info(headerForMap('Metadata', metadata));
    outputMap(ctx, metadata);
    ctx.ui.info('');
  }
  const data = opts.v2 ? asMap(secret.data?.data) : secret.data;
  if (data) {
    ctx.ui.info(headerForMap('Data', data));
    outputMap(ctx, data);
  }
  return 0;
}

/** Options of the `vault kv put`/`patch` output. */
export interface KvWrittenOptions {
  readonly path: string;
  /** `kv patch` prints a wrapped response as a secret; `kv put` does not check. */
  readonly outputWrapped?: boolean;
}

/**
 * `vault kv put`/`patch` on KV v2 after a successful write: the Secret Path and Metadata
 * sections of the response in a table, the whole secret otherwise.
 */
export function kvWritten(ctx: RenderContext, secret: Secret, opts: KvWrittenOptions): ExitCode {
  if (opts.outputWrapped === true && secret.wrap_info && secret.wrap_info.ttl !== 0)
    return outputSecret(ctx, secret);
  if (ctx.format !== 'table') return outputSecret(ctx, secret);
  for (const line of pathSection(opts.path, 'Secret Path')) ctx.ui.info(line);
  ctx.ui.info(headerForMap('Metadata', secret.data ?? {}));
  return outputMap(ctx, secret.data);
}
