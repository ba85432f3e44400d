/** Vault's one-level List over a sorted key set: direct children, folders once with a trailing `/`. */
export function listLevel(sortedKeys: Iterable<string>, prefix: string): string[] {
  const out: string[] = [];
  let lastFolder = '';
  for (const key of sortedKeys) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) {
      out.push(rest);
    } else {
      const folder = rest.slice(0, slash + 1);
      if (folder !== lastFolder) {
        out.push(folder);
        lastFolder = folder;
      }
    }
  }
  return [...new Set(out)].sort(compareBytes);
}

/** Byte order for ASCII/UTF-16 keys, the order SQLite's BINARY collation gives. */
export const compareBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
