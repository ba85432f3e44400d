/**
 * Vault's flags take one dash or two (`-dev`, `--dev`) and `-flag=value`. Commander wants
 * two for long flags, so single-dash long flags are rewritten before parsing. A lone `-`
 * (stdin) and everything after `--` pass through untouched.
 */
export function normalizeFlags(args: readonly string[]): string[] {
  const out: string[] = [];
  let passthrough = false;
  for (const arg of args) {
    if (passthrough || arg === '-' || !arg.startsWith('-') || arg.startsWith('--')) {
      if (arg === '--') passthrough = true;
      out.push(arg);
      continue;
    }
    const name = arg.slice(1).split('=')[0] ?? '';
    out.push(name.length === 1 ? arg : `-${arg}`);
  }
  return out;
}
