import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { TxnOps } from '../../src/storage/physical.js';
import { prefixEnd, SqliteBackend } from '../../src/storage/sqlite.js';
import { runStorageSuite } from '../conformance/storage.js';
import { childEnv } from '../helpers/child-env.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const sqliteModule = fileURLToPath(new URL('../../src/storage/sqlite.ts', import.meta.url));

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined): string => new TextDecoder().decode(value ?? bytes('<missing>'));
const pad = (n: number): string => String(n).padStart(4, '0');

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hvr-sqlite-'));
}

/** A temp dir removed when the current test finishes. */
async function testDir(): Promise<string> {
  const dir = await tempDir();
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens a backend closed when the current test finishes (before its directory goes). */
function openForTest(file: string): SqliteBackend {
  const backend = SqliteBackend.open(file);
  onTestFinished(() => backend.close());
  return backend;
}

/** Inspects the file with a separate raw connection. */
function inspect<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

interface Child {
  readonly process: ChildProcess;
  /** Resolves once stdout has carried `line`; rejects if the child exits first. */
  line(line: string): Promise<void>;
  /** Resolves with how the child ended. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Runs an ES module script in a fresh node process, from the repo root so packages resolve. */
function spawnScript(script: string, env: Record<string, string>, opts: { tsx?: boolean } = {}): Child {
  const args = [...(opts.tsx ? ['--import', 'tsx'] : []), '--input-type=module', '-e', script];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    const lines = stdout.split('\n');
    for (const w of waiters.splice(0)) {
      if (lines.includes(w.line)) w.resolve();
      else waiters.push(w);
    }
  });
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    },
  );
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exit.catch(() => undefined);
  });
  return {
    process: child,
    exit,
    line: (line) =>
      new Promise<void>((resolve, reject) => {
        if (stdout.split('\n').includes(line)) return resolve();
        waiters.push({ line, resolve });
        exit.then(
          (r) =>
            reject(new Error(`child exited (${r.code ?? r.signal}) before printing "${line}": ${r.stderr}`)),
          reject,
        );
      }),
  };
}

runStorageSuite('sqlite', async () => {
  const dir = await tempDir();
  // A nested path: open must create the missing parent directories.
  const backend = SqliteBackend.open(join(dir, 'nested', 'data', 'hvr.db'));
  return {
    backend,
    cleanup: async () => {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteBackend', () => {
  describe('opening', () => {
    it('creates the file in WAL mode with the entries table', async () => {
      const file = join(await testDir(), 'a', 'b', 'hvr.db');
      const s = openForTest(file);
      await s.put({ key: 'k', value: bytes('v') });
      const { mode, tables } = inspect(file, (db) => ({
        mode: db.pragma('journal_mode', { simple: true }),
        tables: db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(),
      }));
      expect(mode).toBe('wal');
      expect(tables).toEqual(['entries']);
    });

    it('names the path and the cause when the parent is not a directory', async () => {
      const dir = await testDir();
      await writeFile(join(dir, 'plain-file'), 'not a directory');
      const file = join(dir, 'plain-file', 'hvr.db');
      expect(() => SqliteBackend.open(file)).toThrow(
        new RegExp(
          `^cannot open storage at ${escapeRegExp(file)}: cannot create directory ${escapeRegExp(join(dir, 'plain-file'))}: .+`,
        ),
      );
    });

    it('names the path and the cause when the path is a directory', async () => {
      const dir = await testDir();
      await mkdir(join(dir, 'hvr.db'));
      const file = join(dir, 'hvr.db');
      expect(() => SqliteBackend.open(file)).toThrow(
        new RegExp(`^cannot open storage at ${escapeRegExp(file)}: .+`),
      );
    });

    it('names the path and the cause when the file is not a database', async () => {
      const file = join(await testDir(), 'hvr.db');
      await writeFile(file, Buffer.alloc(4096, 0x5a));
      let error: unknown;
      try {
        SqliteBackend.open(file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      // issue 9: followed by what an operator can do about it.
      expect((error as Error).message).toBe(
        `cannot open storage at ${file}: file is not a database (${file} is damaged or not an hvr database: stop the node, keep a copy of the file, and restore it from a backup or a DR secondary)`,
      );
      expect((error as Error).cause).toBeInstanceOf(Database.SqliteError);
    });

    it('names the path in the closed error', async () => {
      const file = join(await testDir(), 'hvr.db');
      const s = SqliteBackend.open(file);
      await s.close();
      await expect(s.get('k')).rejects.toThrow(`storage backend is closed (${file})`);
    });
  });

  describe('durability', () => {
    it('keeps data across close and reopen', async () => {
      const file = join(await testDir(), 'hvr.db');
      const binary = new Uint8Array(300).map((_, i) => (i * 7) % 256);
      const first = SqliteBackend.open(file);
      await first.put({ key: 'sys/keyring', value: binary });
      await first.put({ key: 'empty', value: new Uint8Array(0) });
      await first.put({ key: 'gone', value: bytes('x') });
      await first.transaction((tx) => {
        tx.put({ key: 'logical/a/b', value: bytes('secret') });
        tx.delete('gone');
      });
      await expect(first.transaction(() => Promise.resolve())).rejects.toThrow(/promise/);
      await first.close();

      const second = openForTest(file);
      expect(Array.from((await second.get('sys/keyring'))?.value ?? [])).toEqual(Array.from(binary));
      expect((await second.get('empty'))?.value.byteLength).toBe(0);
      expect(await second.get('gone')).toBeNull();
      expect(text((await second.get('logical/a/b'))?.value)).toBe('secret');
      expect(await second.scan('')).toEqual(['empty', 'logical/a/b', 'sys/keyring']);
    });

    it('keeps exactly the committed transactions when the process is killed', async () => {
      const file = join(await testDir(), 'hvr.db');
      const committed = 25;
      const child = spawnScript(
        `
        import { writeSync } from 'node:fs';
        import { SqliteBackend } from ${JSON.stringify(sqliteModule)};
        const pad = (n) => String(n).padStart(4, '0');
        const s = SqliteBackend.open(process.env.HVR_DB);
        for (let i = 0; i < ${committed}; i++) {
          await s.transaction((tx) => {
            tx.put({ key: 'committed/' + pad(i), value: new Uint8Array([i, 0, 255]) });
            tx.put({ key: 'last', value: new TextEncoder().encode(String(i)) });
            if (i > 0) tx.delete('scratch/' + pad(i - 1));
            tx.put({ key: 'scratch/' + pad(i), value: new Uint8Array(0) });
          });
          writeSync(1, 'committed ' + i + '\\n');
        }
        // Never finishes: large enough to spill uncommitted pages into the WAL, then parked.
        await s.transaction((tx) => {
          for (let i = 0; i < 4000; i++) tx.put({ key: 'uncommitted/' + pad(i), value: new Uint8Array(1024).fill(7) });
          tx.put({ key: 'last', value: new TextEncoder().encode('uncommitted') });
          tx.delete('committed/0000');
          writeSync(1, 'parked\\n');
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
        });
        `,
        { HVR_DB: file },
        { tsx: true },
      );
      await child.line('parked');
      child.process.kill('SIGKILL');
      expect((await child.exit).signal).toBe('SIGKILL');

      const s = openForTest(file);
      const keys = await s.scan('committed/');
      expect(keys).toEqual(Array.from({ length: committed }, (_, i) => `committed/${pad(i)}`));
      expect(Array.from((await s.get('committed/0007'))?.value ?? [])).toEqual([7, 0, 255]);
      expect(text((await s.get('last'))?.value)).toBe(String(committed - 1));
      expect(await s.scan('scratch/')).toEqual([`scratch/${pad(committed - 1)}`]);
      expect(await s.scan('uncommitted/')).toEqual([]);
      expect(await s.list('')).toEqual(['committed/', 'last', 'scratch/']);
      expect(inspect(file, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    });
  });

  describe('sharing a file', () => {
    const bump = (tag: string, i: number) => (tx: TxnOps) => {
      const n = Number(text(tx.get('counter')?.value));
      tx.put({ key: 'counter', value: bytes(String(n + 1)) });
      tx.put({ key: `${tag}/${pad(i)}`, value: bytes(String(n)) });
      return n;
    };

    it('lets two instances interleave transactions without losing updates', async () => {
      const file = join(await testDir(), 'hvr.db');
      const a = openForTest(file);
      const b = openForTest(file);
      await a.put({ key: 'counter', value: bytes('0') });
      const runs: Promise<number>[] = [];
      for (let i = 0; i < 100; i++) {
        runs.push(i % 2 === 0 ? a.transaction(bump('a', i)) : b.transaction(bump('b', i)));
        if (i % 7 === 0) runs.push(b.get('counter').then((e) => Number(text(e?.value))));
      }
      await Promise.all(runs);
      for (const s of [a, b]) {
        expect(text((await s.get('counter'))?.value)).toBe('100');
        expect(await s.list('')).toEqual(['a/', 'b/', 'counter']);
        expect((await s.scan('a/')).length).toBe(50);
        expect((await s.scan('b/')).length).toBe(50);
      }
    });

    it('does not show one connection uncommitted writes of another, nor block its reads', async () => {
      const file = join(await testDir(), 'hvr.db');
      const a = openForTest(file);
      const b = openForTest(file);
      await a.put({ key: 'k', value: bytes('before') });
      let during: Promise<string> | undefined;
      await a.transaction((tx) => {
        tx.put({ key: 'k', value: bytes('after') });
        tx.put({ key: 'new', value: bytes('x') });
        // b's read runs now, while a's write transaction is open.
        during = Promise.all([b.get('k'), b.list('')]).then(([e, l]) => `${text(e?.value)} ${l.join(',')}`);
      });
      expect(await during).toBe('before k');
      expect(text((await b.get('k'))?.value)).toBe('after');
      expect(await b.list('')).toEqual(['k', 'new']);
    });

    it('queues writers from another process instead of failing with SQLITE_BUSY', async () => {
      const file = join(await testDir(), 'hvr.db');
      const perSide = 60;
      const s = openForTest(file);
      await s.put({ key: 'counter', value: bytes('0') });
      const child = spawnScript(
        `
        import { writeSync } from 'node:fs';
        import Database from 'better-sqlite3';
        const db = new Database(process.env.HVR_DB);
        db.pragma('busy_timeout = 5000');
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        const get = db.prepare('SELECT value FROM entries WHERE key = ?').pluck();
        const put = db.prepare(
          'INSERT INTO entries (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        );
        const bump = db.transaction((i) => {
          const n = Number(Buffer.from(get.get('counter')).toString());
          put.run('counter', Buffer.from(String(n + 1)));
          put.run('child/' + String(i).padStart(4, '0'), Buffer.from(String(n)));
        });
        writeSync(1, 'ready\\n');
        for (let i = 0; i < ${perSide}; i++) {
          bump.immediate(i);
          await new Promise((resolve) => setImmediate(resolve));
        }
        db.close();
        `,
        { HVR_DB: file },
      );
      await child.line('ready');
      for (let i = 0; i < perSide; i++) await s.transaction(bump('parent', i));
      const result = await child.exit;
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);

      expect(text((await s.get('counter'))?.value)).toBe(String(2 * perSide));
      expect((await s.scan('child/')).length).toBe(perSide);
      expect((await s.scan('parent/')).length).toBe(perSide);
      // Every counter value was handed out exactly once across both processes.
      const seen: number[] = [];
      for (const key of await s.scan('')) {
        if (key !== 'counter') seen.push(Number(text((await s.get(key))?.value)));
      }
      expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 2 * perSide }, (_, i) => i));
      expect(inspect(file, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
    });
  });

  describe('large trees', () => {
    it('lists one level over 100k keys under sub-folders', async () => {
      const s = openForTest(join(await testDir(), 'hvr.db'));
      const value = new Uint8Array(1);
      await s.transaction((tx) => {
        for (let f = 0; f < 100; f++) {
          for (let k = 0; k < 1000; k++) tx.put({ key: `tree/f${pad(f)}/k${pad(k)}`, value });
        }
        for (let l = 0; l < 50; l++) tx.put({ key: `tree/leaf${pad(l)}`, value });
      });
      const level = await s.list('tree/');
      expect(level.length).toBe(150);
      expect(level.slice(0, 2)).toEqual(['f0000/', 'f0001/']);
      expect(level.slice(99, 101)).toEqual(['f0099/', 'leaf0000']);
      expect(await s.list('')).toEqual(['tree/']);
      expect((await s.list('tree/f0042/')).length).toBe(1000);
      expect((await s.scan('tree/f0042/')).length).toBe(1000);
    });
  });
});

describe('prefixEnd', () => {
  it('is null when no string is greater than every extension', () => {
    expect(prefixEnd('')).toBeNull();
    expect(prefixEnd('\u{10ffff}')).toBeNull();
    expect(prefixEnd('\u{10ffff}\u{10ffff}')).toBeNull();
  });

  it('increments the last code point', () => {
    expect(prefixEnd('a')).toBe('b');
    expect(prefixEnd('sys/')).toBe('sys0');
    expect(prefixEnd('a~')).toBe('a\u007f');
    expect(prefixEnd('a\u007f')).toBe('a\u0080');
    expect(prefixEnd('x\u{1f600}')).toBe('x\u{1f601}');
  });

  it('carries past the highest code point and skips surrogates', () => {
    expect(prefixEnd('a\u{10ffff}')).toBe('b');
    expect(prefixEnd('\ud7ff')).toBe('\ue000');
  });
});

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
