import { readFile } from 'node:fs/promises';

/** Go's `*PathError` text for a failed open/read: `open <path>: no such file or directory`. */
export function goFileError(op: string, path: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reason: Readonly<Record<string, string>> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
  };
  return `${op} ${path}: ${reason[code] ?? (error instanceof Error ? error.message : String(error))}`;
}

/** The file's text, or Go's error text for it. */
export async function readText(
  path: string,
): Promise<{ readonly text: string } | { readonly error: string }> {
  try {
    return { text: await readFile(path, 'utf8') };
  } catch (error) {
    // Go opens first, then reads: a directory opens fine and fails on read.
    const op =
      typeof error === 'object' && error !== null && 'code' in error && error.code === 'EISDIR'
        ? 'read'
        : 'open';
    return { error: goFileError(op, path, error) };
  }
}
