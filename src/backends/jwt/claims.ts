import { glob } from '../../logical/glob.js';

/** getClaim: a top-level claim, or a JSON pointer (`/a/b`) into nested claims. */
export function getClaim(claims: Record<string, unknown>, name: string): unknown {
  if (!name.startsWith('/')) return claims[name];
  let value: unknown = claims;
  for (const raw of name.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A claim value as Go sees it after decoding: strings, bools and numbers (json.Number) differ by type. */
type Scalar = { readonly kind: 'string' | 'bool' | 'number'; readonly text: string };

function scalar(v: unknown): Scalar | undefined {
  if (typeof v === 'string') return { kind: 'string', text: v };
  if (typeof v === 'boolean') return { kind: 'bool', text: String(v) };
  if (typeof v === 'number') return { kind: 'number', text: String(Math.trunc(v)) };
  return undefined;
}

/** normalizeList: a string, bool or number becomes a one-item list; lists stay lists. */
export function normalizeList(raw: unknown): Scalar[] | undefined {
  if (Array.isArray(raw)) {
    const out: Scalar[] = [];
    for (const item of raw) {
      const s = scalar(item);
      if (s === undefined) return undefined;
      out.push(s);
    }
    return out;
  }
  const s = scalar(raw);
  return s === undefined ? undefined : [s];
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** validateBoundClaims: every bound claim present and matching one of its values. */
export function validateBoundClaims(
  type: 'string' | 'glob',
  bound: Record<string, unknown>,
  claims: Record<string, unknown>,
): void {
  for (const [claim, expected] of Object.entries(bound)) {
    const actual = getClaim(claims, claim);
    if (actual === undefined || actual === null) throw new Error(`claim ${JSON.stringify(claim)} is missing`);
    const actVals = normalizeList(actual);
    if (actVals === undefined)
      throw new Error(`received claim is not a string, bool, int or list: ${show(actual)}`);
    const expVals = normalizeList(expected);
    if (expVals === undefined)
      throw new Error(`bound claim is not a string, bool, int or list: ${show(expected)}`);
    const found = expVals.some((e) =>
      actVals.some((a) =>
        type === 'glob'
          ? a.kind === 'string' && glob(e.text, a.text)
          : a.kind === e.kind && a.text === e.text,
      ),
    );
    if (!found)
      throw new Error(`claim ${JSON.stringify(claim)} does not match any associated bound claim values`);
  }
}

/** extractMetadata: claim_mappings copy string claims into token metadata. */
export function extractMetadata(claims: Record<string, unknown>, mappings: Record<string, string>) {
  const metadata: Record<string, string> = {};
  for (const [source, target] of Object.entries(mappings)) {
    const value = getClaim(claims, source);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new Error(`error converting claim '${source}' to string`);
    metadata[target] = value;
  }
  return metadata;
}
