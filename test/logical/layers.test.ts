import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import directions of docs/ARCHITECTURE.md, read from the import lines of src/:
 * the core imports no ordinary backend (sys/ and auth/token are the core's own, as in
 * Vault), ordinary backends import only the logical layer (plus their own folder and the
 * shared files of backends/), and logical imports nothing above it. `gocompat/` (Go
 * compatibility helpers) is the bottom layer anyone may import.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');

/**
 * Go-compatibility helpers still in core/ until they move to gocompat/ (issue 12 item 4,
 * another branch); they count as gocompat meanwhile. Remove entries as they move.
 */
const GOCOMPAT_PENDING = ['core/lossless-json.ts'];

/**
 * Vault keeps these in its core package: logical_system.go, token_store.go and
 * logical_cubbyhole.go (the router salts a token into its cubbyhole id, the token store
 * destroys the cubbyhole on revocation).
 */
const PRIVILEGED = ['backends/sys/', 'backends/token/', 'backends/cubbyhole/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of a file, as paths under src/ (`core/core.ts`). */
function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?'(\.{1,2}\/[^']+)'/g)]
    .map((m) => m[1])
    .concat([...text.matchAll(/import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)].map((m) => m[1]));
  return specs
    .filter((s): s is string => s !== undefined)
    .map((s) => relative(src, normalize(join(dirname(file), s))).replace(/\.js$/, '.ts'));
}

type Layer = 'logical' | 'gocompat' | 'core' | 'ordinary-backend' | 'privileged-backend' | 'other';

function layerOf(path: string): Layer {
  if (path.startsWith('gocompat/') || GOCOMPAT_PENDING.includes(path)) return 'gocompat';
  if (path.startsWith('logical/')) return 'logical';
  // The catalog assembles every backend for server/ and the embedded node; nothing imports it below them.
  if (path === 'backends/catalog.ts') return 'other';
  if (path.startsWith('core/')) return 'core';
  if (PRIVILEGED.some((p) => path.startsWith(p))) return 'privileged-backend';
  if (path.startsWith('backends/')) return 'ordinary-backend';
  return 'other';
}

/** Why an import breaks a direction, or null when it is allowed. */
function violation(from: string, to: string): string | null {
  const source = layerOf(from);
  const target = layerOf(to);
  if (target === 'gocompat') return null;
  if (source === 'gocompat') return `gocompat imports ${to}`;
  if (source === 'logical' && target !== 'logical') return `logical imports ${to}`;
  if (source === 'core' && target === 'ordinary-backend') return `core imports the ordinary backend ${to}`;
  if (source === 'ordinary-backend' && target !== 'logical' && target !== 'ordinary-backend')
    return `an ordinary backend imports ${to}`;
  return null;
}

describe('layer directions in src/', () => {
  it('knows a broken direction when it sees one', () => {
    expect(violation('core/mount-table.ts', 'backends/kv/kv.ts')).not.toBeNull();
    expect(violation('backends/kv/v1.ts', 'core/core.ts')).not.toBeNull();
    expect(violation('backends/userpass/login.ts', 'server/node.ts')).not.toBeNull();
    expect(violation('backends/jwt/login.ts', 'replication/peers.ts')).not.toBeNull();
    expect(violation('logical/fields.ts', 'core/token-params.ts')).not.toBeNull();
    expect(violation('logical/fields.ts', 'backends/token-params.ts')).not.toBeNull();
    expect(violation('core/mount-table.ts', 'backends/sys/system.ts')).toBeNull();
    expect(violation('backends/token/token.ts', 'core/core.ts')).toBeNull();
    expect(violation('backends/kv/v1.ts', 'logical/fields.ts')).toBeNull();
    expect(violation('backends/approle/login.ts', 'backends/token-params.ts')).toBeNull();
    expect(violation('logical/fields.ts', 'gocompat/parse-bool.ts')).toBeNull();
    expect(importsOf(join(src, 'core', 'x.ts'), "import { a } from '../backends/kv/kv.js';\n")).toEqual([
      'backends/kv/kv.ts',
    ]);
  });

  it('holds for every import line of src/', () => {
    const broken = sourceFiles(src).flatMap((file) => {
      const from = relative(src, file);
      return importsOf(file, readFileSync(file, 'utf8'))
        .map((to) => violation(from, to))
        .filter((v): v is string => v !== null)
        .map((v) => `${from}: ${v}`);
    });
    expect(broken).toEqual([]);
  });
});
