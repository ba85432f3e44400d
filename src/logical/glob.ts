/**
 * ryanuber/go-glob's Glob, which Vault's cert and JWT backends use for allowed names and
 * bound claims: `*` matches any run of characters (including none); nothing else is special.
 */
export function glob(pattern: string, subject: string): boolean {
  if (pattern === '') return subject === pattern;
  if (pattern === '*') return true;
  const parts = pattern.split('*');
  if (parts.length === 1) return subject === pattern;
  const leadingGlob = pattern.startsWith('*');
  const trailingGlob = pattern.endsWith('*');
  const end = parts.length - 1;
  let rest = subject;
  for (let i = 0; i < end; i++) {
    const part = parts[i] ?? '';
    const idx = rest.indexOf(part);
    if (i === 0) {
      if (!leadingGlob && idx !== 0) return false;
    } else if (idx < 0) {
      return false;
    }
    rest = rest.slice(idx + part.length);
  }
  return trailingGlob || rest.endsWith(parts[end] ?? '');
}
