import { type CompiledPath, compilePaths } from '../logical/path-match.js';
import type { Backend, BackendContext } from '../logical/path-spec.js';
import { type MountEntry, routePrefix } from './mount-entry.js';

export interface RouteEntry {
  readonly mount: MountEntry;
  readonly prefix: string;
  readonly backend: Backend;
  readonly compiled: readonly CompiledPath[];
  readonly ctx: BackendContext;
}

export interface Resolved {
  readonly route: RouteEntry;
  /** The path relative to the mount. */
  readonly relativePath: string;
}

/** Longest-prefix routing of logical paths to mounted backends (Vault's router). */
export class Router {
  private readonly routes = new Map<string, RouteEntry>();

  add(mount: MountEntry, backend: Backend, ctx: BackendContext): RouteEntry {
    const entry: RouteEntry = {
      mount,
      prefix: routePrefix(mount),
      backend,
      compiled: compilePaths(backend.paths),
      ctx,
    };
    this.routes.set(entry.prefix, entry);
    return entry;
  }

  remove(prefix: string): void {
    this.routes.delete(prefix);
  }

  get(prefix: string): RouteEntry | undefined {
    return this.routes.get(prefix);
  }

  all(): RouteEntry[] {
    return [...this.routes.values()];
  }

  /** The mount a path falls under; `secret` (no slash) resolves to `secret/` as Vault does. */
  resolve(path: string): Resolved | null {
    let best: RouteEntry | undefined;
    for (const [prefix, entry] of this.routes) {
      const matches = path.startsWith(prefix) || `${path}/` === prefix;
      if (matches && (best === undefined || prefix.length > best.prefix.length)) best = entry;
    }
    if (!best) return null;
    return {
      route: best,
      relativePath: path.length >= best.prefix.length ? path.slice(best.prefix.length) : '',
    };
  }

  /** Whether a path would conflict with an existing mount (one inside the other). */
  conflicts(prefix: string): RouteEntry | undefined {
    for (const [existing, entry] of this.routes) {
      if (existing.startsWith(prefix) || prefix.startsWith(existing)) return entry;
    }
    return undefined;
  }
}
