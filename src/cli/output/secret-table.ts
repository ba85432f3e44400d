import type { Secret, SecretAuth } from '../../client/secret.js';
import { goTimeString } from '../../gocompat/time.js';
import { tableOutput } from './columnize.js';
import { humanDuration, humanDurationValue, looksLikeDuration } from './go-duration.js';
import { goQuoteStrings } from './go-quote.js';
import { goSprint } from './go-sprint.js';
import { sortGoStrings } from './go-strings.js';
import { isGoMap } from './go-value.js';

/**
 * `TableFormatter.OutputSecret` / `OutputMap` (command/base/format.go): rows of
 * `key ♨ value` columnized under `Key`/`Value`. An empty row list prints nothing.
 */
export const HOPE_DELIM = '♨';

const row = (key: string, value: string): string => `${key} ${HOPE_DELIM} ${value}`;

/** Data rows: keys sorted, duration-looking integers humanized, values with `%v`. */
export function dataRows(data: Readonly<Record<string, unknown>> | null | undefined): string[] {
  if (!data) return [];
  return sortGoStrings(Object.keys(data)).map((k) => {
    const v = data[k];
    return row(k, goSprint(looksLikeDuration(k) ? humanDurationValue(v) : v));
  });
}

function mfaRows(mfa: Readonly<Record<string, unknown>>): string[] {
  const rows = [row('mfa_request_id', goSprint(mfa.mfa_request_id ?? ''))];
  const constraints = isGoMap(mfa.mfa_constraints) ? mfa.mfa_constraints : {};
  // Go ranges over the constraint map in random order; hvr sorts it.
  for (const name of sortGoStrings(Object.keys(constraints))) {
    const set = constraints[name];
    const methods = isGoMap(set) && Array.isArray(set.any) ? set.any : [];
    for (const method of methods) {
      const m = isGoMap(method) ? method : {};
      const prefix = `mfa_constraint_${name}_${goSprint(m.type ?? '')}`;
      rows.push(row(`${prefix}_id`, goSprint(m.id ?? '')));
      rows.push(row(`${prefix}_uses_passcode`, m.uses_passcode === true ? 'true' : 'false'));
      if (typeof m.name === 'string' && m.name !== '') rows.push(row(`${prefix}_name`, m.name));
    }
  }
  return rows;
}

function authRows(auth: SecretAuth): string[] {
  if (isGoMap(auth.mfa_requirement)) return mfaRows(auth.mfa_requirement);
  const duration = auth.lease_duration === 0 ? '∞' : humanDuration(auth.lease_duration);
  const rows = [
    row('token', auth.client_token),
    row('token_accessor', auth.accessor),
    row('token_duration', duration),
    row('token_renewable', auth.renewable ? 'true' : 'false'),
    row('token_policies', goQuoteStrings(auth.token_policies)),
    row('identity_policies', goQuoteStrings(auth.identity_policies)),
    row('policies', goQuoteStrings(auth.policies)),
  ];
  // Go ranges over the metadata map in random order; hvr sorts it.
  const meta = auth.metadata ?? {};
  for (const k of sortGoStrings(Object.keys(meta))) rows.push(row(`token_meta_${k}`, meta[k] ?? ''));
  return rows;
}

export function secretRows(secret: Secret): string[] {
  const rows: string[] = [];
  if (secret.lease_duration > 0) {
    if (secret.lease_id !== '') {
      rows.push(row('lease_id', secret.lease_id));
      rows.push(row('lease_duration', humanDuration(secret.lease_duration)));
      rows.push(row('lease_renewable', secret.renewable ? 'true' : 'false'));
    } else {
      rows.push(row('refresh_interval', humanDuration(secret.lease_duration)));
    }
  }
  if (secret.auth) rows.push(...authRows(secret.auth));
  const wrap = secret.wrap_info;
  if (wrap) {
    rows.push(row('wrapping_token:', wrap.token));
    rows.push(row('wrapping_accessor:', wrap.accessor));
    rows.push(row('wrapping_token_ttl:', humanDuration(wrap.ttl)));
    rows.push(row('wrapping_token_creation_time:', goTimeString(wrap.creation_time)));
    rows.push(row('wrapping_token_creation_path:', wrap.creation_path));
    if (wrap.wrapped_accessor) rows.push(row('wrapped_accessor:', wrap.wrapped_accessor));
  }
  rows.push(...dataRows(secret.data));
  return rows;
}

/** The `Key`/`Value` table for some rows, or `undefined` when there is nothing to print. */
export function keyValueTable(rows: readonly string[]): string | undefined {
  return rows.length === 0 ? undefined : tableOutput([`Key${HOPE_DELIM}Value`, ...rows], HOPE_DELIM);
}
