/**
 * `-format` / `VAULT_FORMAT` (command/base/runner.go `setupEnv`): the flag wins over the
 * environment, the value is lower-cased, empty means `table`, `yml` is `yaml`, and anything
 * else stops the CLI with `Invalid output format: <value>` (exit 1).
 */
export type OutputFormat = 'table' | 'json' | 'yaml' | 'pretty' | 'raw';

export type FormatChoice =
  | { readonly ok: true; readonly format: OutputFormat }
  | { readonly ok: false; readonly message: string };

const KNOWN: Readonly<Record<string, OutputFormat>> = {
  table: 'table',
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  pretty: 'pretty',
  raw: 'raw',
};

export function chooseOutputFormat(flag: string | undefined, envFormat: string | undefined): FormatChoice {
  const raw = (flag || envFormat || 'table').toLowerCase();
  const format = Object.hasOwn(KNOWN, raw) ? KNOWN[raw] : undefined;
  return format === undefined
    ? { ok: false, message: `Invalid output format: ${raw}` }
    : { ok: true, format };
}

/** What `-format=raw` on a command other than `vault read` fails with at flag parsing (exit 1). */
export const RAW_NOT_SUPPORTED = 'This command does not support the -format=raw option.';
