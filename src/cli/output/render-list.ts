import type { Secret } from '../../client/secret.js';
import { tableOutput } from './columnize.js';
import type { ExitCode } from './exit-code.js';
import { humanDurationValue, looksLikeDuration } from './go-duration.js';
import { goSprint } from './go-sprint.js';
import { compareGoStrings } from './go-strings.js';
import { isGoMap } from './go-value.js';
import { formatterFailed, outputDocument, type RenderContext } from './render-context.js';
import { printWarnings } from './render-secret.js';
import { secretDocument } from './secret-document.js';
import { HOPE_DELIM } from './secret-table.js';

/** `sort.SearchStrings` on sorted keys. */
function searchStrings(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareGoStrings(keys[mid] ?? '', key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `-detailed` with `key_info`: extra sorted columns, `n/a` where a key has no value. */
function detailedRows(keys: readonly string[], info: Readonly<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const [key, values] of Object.entries(info)) {
    const index = searchStrings(keys, key);
    // Vault's check skips only keys that would sort inside the list; keys past the end stay.
    if (index < keys.length && keys[index] !== key) continue;
    if (isGoMap(values)) for (const header of Object.keys(values)) seen.add(header);
  }
  const headers = [...seen].sort(compareGoStrings);
  if (headers.length === 0) return ['Keys', ...keys];
  const rows = keys.map((key) => {
    const values = info[key];
    if (!isGoMap(values)) return key;
    const cells = headers.map((h) => {
      if (!Object.hasOwn(values, h)) return 'n/a';
      return goSprint(looksLikeDuration(h) ? humanDurationValue(values[h]) : values[h]);
    });
    return [key, ...cells].join(HOPE_DELIM);
  });
  return [['Keys', ...headers].join(HOPE_DELIM), ...rows];
}

function listTable(ctx: RenderContext, secret: Secret, list: unknown): ExitCode {
  printWarnings(ctx, secret.warnings);
  if (!Array.isArray(list)) return formatterFailed(ctx, 'cannot use the table formatter for this type');
  if (list.length === 0) return 0;
  const keys: string[] = [];
  for (const v of list) {
    if (typeof v !== 'string') return formatterFailed(ctx, `${goSprint(v)} is not a string`);
    keys.push(v);
  }
  keys.sort(compareGoStrings);
  const info = secret.data?.key_info;
  const lines =
    ctx.detailed && isGoMap(info) && Object.keys(info).length > 0
      ? detailedRows(keys, info)
      : ['Keys', ...keys];
  ctx.ui.output(tableOutput(lines, HOPE_DELIM));
  return 0;
}

/** `OutputList`: a sorted `Keys` table, or just the `keys` array (the whole secret with -detailed). */
export function outputList(ctx: RenderContext, secret: Secret): ExitCode {
  const keys = secret.data?.keys;
  if (ctx.format === 'table') return listTable(ctx, secret, keys);
  if (ctx.format === 'json' && ctx.detailed) return outputDocument(ctx, secretDocument(secret));
  return outputDocument(ctx, keys ?? null);
}
