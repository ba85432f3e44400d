import { parseGoBool } from '../gocompat/parse-bool.js';
/**
 * Vault's `setupEnv` (command/main.go): before any command runs, the whole argv up to `--` is
 * scanned for the global flags, so `-format=json` after the path is still honoured (the
 * command's own parser later warns about it as a trailing flag but the format stands).
 */
export interface GlobalFlags {
  /** Lower-cased; `VAULT_FORMAT` when no flag, else `table`. Not validated here. */
  readonly format: string;
  /** `-detailed[=bool]` anywhere, else `VAULT_DETAILED`. */
  readonly detailed: boolean;
  readonly outputCurlString: boolean;
  readonly outputPolicy: boolean;
}

const isFlag = (arg: string, name: string) => arg === `-${name}` || arg === `--${name}`;
const isFlagWithValue = (arg: string, name: string) =>
  arg.startsWith(`-${name}=`) || arg.startsWith(`--${name}=`);
const flagValue = (arg: string) => arg.slice(arg.indexOf('=') + 1);

export function scanGlobalFlags(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): GlobalFlags {
  let format = '';
  let detailed = false;
  let haveDetailed = false;
  let outputCurlString = false;
  let outputPolicy = false;
  let nextIsFormat = false;
  for (const arg of args) {
    if (nextIsFormat) {
      nextIsFormat = false;
      format = arg;
      continue;
    }
    if (arg === '--') break;
    if (isFlag(arg, 'output-curl-string')) {
      outputCurlString = true;
      continue;
    }
    if (isFlag(arg, 'output-policy')) {
      outputPolicy = true;
      continue;
    }
    if (isFlagWithValue(arg, 'format')) format = flagValue(arg);
    if (isFlag(arg, 'format')) nextIsFormat = true;
    // Vault parses the literal "detailed" here (a slip that makes `-detailed=true` false);
    // hvr parses the value the user gave, which is what the flag means.
    if (isFlagWithValue(arg, 'detailed')) {
      detailed = parseGoBool(flagValue(arg)) ?? false;
      haveDetailed = true;
    }
    if (isFlag(arg, 'detailed')) {
      detailed = true;
      haveDetailed = true;
    }
  }
  if (format === '' && env.VAULT_FORMAT) format = env.VAULT_FORMAT;
  format = format.toLowerCase() || 'table';
  if (!haveDetailed && env.VAULT_DETAILED) detailed = parseGoBool(env.VAULT_DETAILED) ?? false;
  return { format, detailed, outputCurlString, outputPolicy };
}
