import { readFile } from 'node:fs/promises';

/**
 * Vault's PubKeyFileFlag: `keybase:<user>` as given, otherwise the file (a leading `@` is
 * dropped) as base64 — kept as is when it already is base64 text. ASCII-armoured key rings,
 * which Vault re-serialises, are sent base64-encoded as they are.
 */
export async function loadPgpKey(
  value: string,
): Promise<{ readonly key: string } | { readonly error: string }> {
  if (value.startsWith('keybase:')) return { key: value };
  const path = value.startsWith('@') ? value.slice(1) : value;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT') return { error: `open ${path}: no such file or directory` };
    return { error: `open ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const text = bytes.toString('utf8');
  if (/^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0) return { key: text };
  return { key: bytes.toString('base64') };
}
