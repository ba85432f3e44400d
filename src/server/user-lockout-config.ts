import type { HclObject, HclValue } from '../core/policy/hcl-ast.js';
import type { LockoutSettings, LockoutStanzas } from '../core/user-lockout.js';
import { parseDurationSeconds } from '../gocompat/duration.js';
import { GoParseBoolError, parseGoBoolOrThrow } from '../gocompat/parse-bool.js';

/**
 * Vault's `user_lockout "<auth type>" { lockout_threshold, lockout_duration,
 * lockout_counter_reset, disable_lockout }` stanzas (configutil ParseUserLockouts): the
 * type is "all", "userpass", "approle" or "ldap"; unset fields fall back to "all", then to
 * Vault's defaults (UserLockout.settingsFor does the merge). Errors carry Vault's wording,
 * prefixed with the stanza's index as Vault's multierror prefix does.
 */
export function userLockoutStanzas(file: string, root: HclObject): LockoutStanzas | undefined {
  const out: Record<string, Partial<LockoutSettings>> = {};
  let index = 0;
  for (const item of root.items) {
    if (item.keys[0]?.name !== 'user_lockout') continue;
    const prefix = `${file}: user_lockouts.${index}`;
    index++;
    let type = item.keys[1]?.name;
    let body = item.value;
    // JSON form: "user_lockout": {"userpass": {...}}
    if (type === undefined && body.kind === 'object' && body.items.length === 1) {
      type = body.items[0]?.keys[0]?.name;
      body = body.items[0]?.value ?? body;
    }
    if (!type || body.kind !== 'object') {
      throw new Error(
        `${prefix}: auth type for user lockout must be specified, if it applies to all auth methods specify "all" `,
      );
    }
    type = type.toLowerCase();
    if (!['all', 'ldap', 'approle', 'userpass'].includes(type)) {
      throw new Error(`${prefix}: unsupported auth type "${type}"`);
    }
    out[type] = stanza(prefix, body);
  }
  return index === 0 ? undefined : out;
}

function stanza(prefix: string, body: HclObject): Partial<LockoutSettings> {
  const settings: { -readonly [K in keyof LockoutSettings]?: LockoutSettings[K] } = {};
  const threshold = scalar(body, 'lockout_threshold');
  if (threshold !== undefined) {
    if (!/^\d+$/.test(threshold)) {
      throw new Error(
        `${prefix}: error parsing lockout_threshold: strconv.ParseUint: parsing "${threshold}": invalid syntax`,
      );
    }
    settings.threshold = Number(threshold);
  }
  const duration = (key: 'lockout_duration' | 'lockout_counter_reset'): number | undefined => {
    const text = scalar(body, key);
    if (text === undefined) return undefined;
    if (text.trim().startsWith('-')) throw new Error(`${prefix}: ${key} cannot be negative`);
    try {
      return parseDurationSeconds(/^\d+$/.test(text) ? Number(text) : text) * 1000;
    } catch (error) {
      throw new Error(`${prefix}: error parsing ${key}: ${(error as Error).message}`);
    }
  };
  const lockoutDuration = duration('lockout_duration');
  if (lockoutDuration !== undefined) settings.duration = lockoutDuration;
  const counterReset = duration('lockout_counter_reset');
  if (counterReset !== undefined) settings.counterReset = counterReset;
  const disable = scalar(body, 'disable_lockout');
  if (disable !== undefined) {
    try {
      settings.disabled = parseGoBoolOrThrow(disable);
    } catch (error) {
      if (!(error instanceof GoParseBoolError)) throw error;
      throw new Error(`${prefix}: invalid value for disable_lockout: ${error.message}`);
    }
  }
  return settings;
}

function scalar(obj: HclObject, key: string): string | undefined {
  const v: HclValue | undefined = obj.items.find(
    (i) => i.keys.length === 1 && i.keys[0]?.name === key,
  )?.value;
  return v && (v.kind === 'string' || v.kind === 'number' || v.kind === 'bool') ? String(v.value) : undefined;
}
