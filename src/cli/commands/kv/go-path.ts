/**
 * Go's `path.Join` / `path.Clean` for relative paths, and Vault's `addPrefixToKVPath`
 * (command/kv_helpers.go), which puts `data/`, `metadata/`, `delete/`, … after a KV v2 mount.
 */
export function goPathJoin(...elems: readonly string[]): string {
  const parts = elems.filter((e) => e !== '');
  return parts.length === 0 ? '' : goPathClean(parts.join('/'));
}

export function goPathClean(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') out.push(segment);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..');
  }
  const body = out.join('/');
  if (rooted) return `/${body}`;
  return body === '' ? '.' : body;
}

const trimPrefix = (s: string, prefix: string): string => (s.startsWith(prefix) ? s.slice(prefix.length) : s);
const trimSuffix = (s: string, suffix: string): string =>
  suffix !== '' && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;

/**
 * `addPrefixToKVPath(path, mountPath, apiPrefix)`: `secret/foo` on mount `secret/` becomes
 * `secret/data/foo`; the mount alone becomes `secret/data`. When the path does not start with
 * the mount (a namespace prefix in the mount path), leading mount segments are dropped until
 * it does.
 */
export function addPrefixToKvPath(path: string, mountPath: string, apiPrefix: string): string {
  let mount = mountPath;
  if (path === mount || path === trimSuffix(mount, '/')) return goPathJoin(mount, apiPrefix);
  let suffix = trimPrefix(path, mount);
  while (suffix === path) {
    const slash = mount.indexOf('/');
    if (slash === -1 || slash === mount.length - 1) break;
    mount = trimSuffix(mount.slice(slash + 1), '/');
    suffix = trimPrefix(suffix, mount);
  }
  return goPathJoin(mount, apiPrefix, suffix);
}
