/**
 * Non-exact rule lookup (CheckAllowedFromNonExactPaths in vault/acl.go): the longest `*`
 * prefix rule and every `+` segment-wildcard rule that matches compete, and the one with
 * the highest priority wins:
 *   1. the later the first `+` or `*`, the higher;
 *   2. not ending in `*` beats ending in `*`;
 *   3. fewer `+` segments beat more;
 *   4. longer beats shorter;
 *   5. lexically larger beats smaller (a tie-break that should not matter).
 */
import type { Permissions } from './acl-permissions.js';

export interface RuleTables {
  /** Prefix rules, keyed by the path without its trailing `*`. */
  readonly prefix: ReadonlyMap<string, Permissions>;
  /** Segment-wildcard rules, keyed by the full path (a trailing `*` kept). */
  readonly segment: ReadonlyMap<string, Permissions>;
}

interface Candidate {
  readonly firstWildcard: number;
  readonly isPrefix: boolean;
  readonly wildcards: number;
  readonly path: string;
  readonly perms: Permissions;
}

export function matchNonExact(tables: RuleTables, path: string): Permissions | undefined {
  const candidates: Candidate[] = [];
  const prefix = longestPrefix(tables.prefix, path);
  if (prefix !== undefined) {
    if (tables.segment.size === 0) return prefix.perms;
    candidates.push({
      firstWildcard: prefix.key.length,
      isPrefix: true,
      wildcards: 0,
      path: prefix.key,
      perms: prefix.perms,
    });
  }
  const parts = path.split('/');
  for (const [full, perms] of tables.segment) {
    const candidate = matchSegments(full, parts, perms);
    if (candidate) candidates.push(candidate);
  }
  candidates.sort(comparePriority);
  return candidates.at(-1)?.perms;
}

function longestPrefix(
  rules: ReadonlyMap<string, Permissions>,
  path: string,
): { key: string; perms: Permissions } | undefined {
  for (let end = path.length; end >= 0; end--) {
    const key = path.slice(0, end);
    const perms = rules.get(key);
    if (perms !== undefined) return { key, perms };
  }
  return undefined;
}

function matchSegments(full: string, parts: readonly string[], perms: Permissions): Candidate | undefined {
  if (full === '') return undefined;
  const isPrefix = full.endsWith('*');
  const pattern = isPrefix ? full.slice(0, -1) : full;
  const segments = pattern.split('/');
  if (parts.length < segments.length || (!isPrefix && parts.length !== segments.length)) return undefined;
  let wildcards = 0;
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] ?? '';
    if (segment === '+') wildcards++;
    else if (segment === part) continue;
    else if (isPrefix && i === segments.length - 1 && part.startsWith(segment)) continue;
    else return undefined;
  }
  return { firstWildcard: full.indexOf('+'), isPrefix, wildcards, path: pattern, perms };
}

/** Negative when `a` has lower priority than `b`, so the winner sorts last. */
function comparePriority(a: Candidate, b: Candidate): number {
  if (a.firstWildcard !== b.firstWildcard) return a.firstWildcard - b.firstWildcard;
  if (a.isPrefix !== b.isPrefix) return a.isPrefix ? -1 : 1;
  if (a.wildcards !== b.wildcards) return b.wildcards - a.wildcards;
  if (a.path.length !== b.path.length) return a.path.length - b.path.length;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
