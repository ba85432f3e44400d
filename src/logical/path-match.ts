import type { PathSpec } from './path-spec.js';

export interface CompiledPath {
  readonly spec: PathSpec;
  readonly regex: RegExp;
}

export interface PathMatch {
  readonly spec: PathSpec;
  readonly params: Record<string, string>;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `roles/:name` → one segment; `data/*path` → the rest (one or more segments). */
export function compilePath(spec: PathSpec): CompiledPath {
  const source = spec.pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) return `(?<${segment.slice(1)}>[^/]+)`;
      if (segment.startsWith('*')) return `(?<${segment.slice(1)}>.+)`;
      return escapeRegex(segment);
    })
    .join('/');
  return { spec, regex: new RegExp(`^${source}$`) };
}

export function compilePaths(specs: readonly PathSpec[]): CompiledPath[] {
  return specs.map(compilePath);
}

/** First declared pattern that matches wins, as in Vault's framework. */
export function matchPath(compiled: readonly CompiledPath[], path: string): PathMatch | null {
  for (const c of compiled) {
    const m = c.regex.exec(path);
    if (m) return { spec: c.spec, params: { ...(m.groups ?? {}) } };
  }
  return null;
}

/** Vault's PathsSpecial matching: exact, or prefix when the entry ends in `*`. */
export function matchesSpecial(entries: readonly string[] | undefined, path: string): boolean {
  if (!entries) return false;
  return entries.some((entry) =>
    entry.endsWith('*') ? path.startsWith(entry.slice(0, -1)) : path === entry || path === `${entry}/`,
  );
}
