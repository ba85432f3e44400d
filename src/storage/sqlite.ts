import { chmodSync, closeSync, constants, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Entry, PhysicalBackend, TxnOps } from './physical.js';

/** How long a writer waits for another connection (or process) holding the write lock. */
const BUSY_TIMEOUT_MS = 5000;

const SCHEMA = 'CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID';

interface Statements {
  readonly get: Database.Statement<[string], Buffer>;
  readonly put: Database.Statement<[string, Uint8Array], unknown>;
  readonly delete: Database.Statement<[string], unknown>;
  /** Keys in [from, to), in key order. */
  readonly range: Database.Statement<[string, string], string>;
  /** Keys >= from, in key order (for prefixes with no upper bound, such as ''). */
  readonly rangeFrom: Database.Statement<[string], string>;
}

/**
 * Durable storage in one SQLite file (WAL mode, synchronous=FULL). Several connections, in
 * this process or others, may share the file: writers queue on the write lock for up to
 * BUSY_TIMEOUT_MS instead of failing with SQLITE_BUSY.
 */
export class SqliteBackend implements PhysicalBackend {
  readonly kind = 'sqlite' as const;
  private readonly stmts: Statements;
  private readonly ops: TxnOps;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {
    this.stmts = {
      get: db.prepare<[string], Buffer>('SELECT value FROM entries WHERE key = ?').pluck(),
      put: db.prepare<[string, Uint8Array], unknown>(
        'INSERT INTO entries (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      delete: db.prepare<[string], unknown>('DELETE FROM entries WHERE key = ?'),
      range: db
        .prepare<[string, string], string>('SELECT key FROM entries WHERE key >= ? AND key < ? ORDER BY key')
        .pluck(),
      rangeFrom: db.prepare<[string], string>('SELECT key FROM entries WHERE key >= ? ORDER BY key').pluck(),
    };
    this.ops = {
      get: (key) => this.run(`get ${key}`, () => this.readEntry(key)),
      put: (entry) => this.run(`put ${entry.key}`, () => this.writeEntry(entry)),
      delete: (key) => this.run(`delete ${key}`, () => void this.stmts.delete.run(key)),
      list: (prefix) => this.run(`list ${prefix}`, () => this.listLevel(prefix)),
    };
  }

  /** Opens (creating if needed) the database file at `path`, and its parent directory. */
  static open(path: string): SqliteBackend {
    const fail = (reason: string, cause: unknown): Error =>
      new Error(`cannot open storage at ${path}: ${reason}${advice(cause, path)}`, { cause });
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    } catch (error) {
      throw fail(`cannot create directory ${dirname(path)}: ${messageOf(error)}`, error);
    }
    checkFolder(dirname(path));
    let db: Database.Database;
    try {
      // Created 0600 before SQLite opens it; SQLite gives -wal and -shm the same mode.
      closeSync(openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW, 0o600));
      chmodSync(path, 0o600);
      db = new Database(path);
    } catch (error) {
      throw fail(messageOf(error), error);
    }
    try {
      // busy_timeout first: switching to WAL and creating the table take locks too.
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(SCHEMA);
      return new SqliteBackend(path, db);
    } catch (error) {
      db.close();
      throw fail(messageOf(error), error);
    }
  }

  async get(key: string): Promise<Entry | null> {
    return this.run(`get ${key}`, () => this.readEntry(key));
  }

  async put(entry: Entry): Promise<void> {
    this.run(`put ${entry.key}`, () => this.writeEntry(entry));
  }

  async delete(key: string): Promise<void> {
    this.run(`delete ${key}`, () => void this.stmts.delete.run(key));
  }

  async list(prefix: string): Promise<string[]> {
    return this.run(`list ${prefix}`, () => this.listLevel(prefix));
  }

  async scan(prefix: string): Promise<string[]> {
    return this.run(`scan ${prefix}`, () => [...this.keysFrom(prefix, prefix)]);
  }

  async transaction<T>(fn: (tx: TxnOps) => T): Promise<T> {
    this.assertOpen();
    // IMMEDIATE takes the write lock at BEGIN, so a writer in another process makes this one
    // wait (busy_timeout) rather than fail half-way through. Errors thrown by `fn` roll back
    // and propagate unchanged; only SQLite's own failures (BEGIN, COMMIT) are wrapped here,
    // as the TxnOps wrap theirs.
    try {
      return this.db.transaction(fn).immediate(this.ops);
    } catch (error) {
      if (error instanceof Database.SqliteError) throw this.wrap('transaction', error);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.close();
    } catch (error) {
      throw this.wrap('close', error);
    }
  }

  private readEntry(key: string): Entry | null {
    const value = this.stmts.get.get(key);
    // better-sqlite3 hands out a fresh Buffer; copy into a plain Uint8Array all the same.
    return value === undefined ? null : { key, value: new Uint8Array(value) };
  }

  private writeEntry(entry: Entry): void {
    this.stmts.put.run(entry.key, entry.value);
  }

  /**
   * One level under `prefix`. Direct children are read one by one; on meeting a sub-folder
   * the scan restarts just past it (`folder/` → `folder0`, '0' being the byte after '/'), so
   * the keys inside sub-folders are never read.
   */
  private listLevel(prefix: string): string[] {
    const out: string[] = [];
    let from = prefix;
    for (;;) {
      let folder: string | undefined;
      for (const key of this.keysFrom(prefix, from)) {
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash === -1) {
          out.push(rest);
        } else {
          folder = rest.slice(0, slash + 1);
          break; // closes the iterator
        }
      }
      if (folder === undefined) return out;
      out.push(folder);
      from = `${prefix}${folder.slice(0, -1)}0`;
    }
  }

  /** Keys that start with `prefix` and are >= `from`, in byte order. */
  private *keysFrom(prefix: string, from: string): Generator<string> {
    const end = prefixEnd(prefix);
    const keys = end === null ? this.stmts.rangeFrom.iterate(from) : this.stmts.range.iterate(from, end);
    for (const key of keys) {
      if (!key.startsWith(prefix)) return; // only reachable without an upper bound
      yield key;
    }
  }

  /** Runs one statement-level action, naming the file and the action in any failure. */
  private run<T>(action: string, fn: () => T): T {
    this.assertOpen();
    try {
      return fn();
    } catch (error) {
      throw this.wrap(action, error);
    }
  }

  private wrap(action: string, error: unknown): Error {
    return new Error(
      `storage error at ${this.path}: ${action}: ${messageOf(error)}${advice(error, this.path)}`,
      {
        cause: error,
      },
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`storage backend is closed (${this.path})`);
  }
}

/**
 * issue 9: the data folder must be this user's and not writable by others, or anyone could
 * swap the database or its WAL under the node.
 */
function checkFolder(dir: string): void {
  const info = statSync(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new Error(
      `refusing storage folder ${dir}: it is owned by uid ${info.uid}, not by this process (uid ${uid}); chown it or choose another path`,
    );
  }
  if ((info.mode & 0o002) !== 0) {
    throw new Error(
      `refusing storage folder ${dir}: it is writable by other users (mode ${(info.mode & 0o777).toString(8)}); run chmod 700 on it`,
    );
  }
}

/** What an operator can do about a SQLite failure, by its code ('' when nothing specific). */
function advice(error: unknown, path: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return ` (the disk holding ${path} is full: free space on it, then retry; the failed write was not applied)`;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return ` (${path} is damaged or not an hvr database: stop the node, keep a copy of the file, and restore it from a backup or a DR secondary)`;
  if (code.startsWith('SQLITE_IOERR')) return ` (I/O error on ${path}: check the disk and the file system)`;
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EACCES')
    return ` (the node cannot write ${path}: check its owner and permissions)`;
  return '';
}

/**
 * The smallest string greater than every string starting with `prefix`, in code point
 * order (which is UTF-8 byte order, SQLite's BINARY collation); null when there is none,
 * as for the empty prefix.
 */
export function prefixEnd(prefix: string): string | null {
  const chars = Array.from(prefix); // whole code points, never half a surrogate pair
  for (let last = chars.pop(); last !== undefined; last = chars.pop()) {
    const next = (last.codePointAt(0) ?? 0) + 1;
    if (next <= 0x10ffff) {
      return chars.join('') + String.fromCodePoint(next === 0xd800 ? 0xe000 : next); // skip surrogates
    }
  }
  return null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
