import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { DataDirError } from './errors.js';

/**
 * An exclusive, cross-process lock held while a data directory is initialised. SQLite is the
 * arbiter: `BEGIN EXCLUSIVE` on a small lock database takes an OS file lock, which the OS
 * releases if the holder dies, so a crashed initialisation never leaves a stale lock behind.
 * Waiting polls asynchronously (busy_timeout 0), so two opens in one process cannot deadlock.
 */
export interface InitLock {
  release(): void;
}

const POLL_MS = 25;

export async function acquireInitLock(dir: string, lockFile: string, timeoutMs: number): Promise<InitLock> {
  let db: Database.Database;
  try {
    db = new Database(lockFile);
    db.pragma('busy_timeout = 0');
  } catch (error) {
    throw new DataDirError(dir, `cannot open lock ${lockFile}: ${messageOf(error)}`, { cause: error });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      return {
        release() {
          db.exec('COMMIT');
          db.close();
        },
      };
    } catch (error) {
      if (!isBusy(error)) {
        db.close();
        throw new DataDirError(dir, `cannot lock ${lockFile}: ${messageOf(error)}`, { cause: error });
      }
    }
    if (Date.now() >= deadline) {
      db.close();
      throw new DataDirError(
        dir,
        `timed out after ${Math.round(timeoutMs / 1000)}s waiting for another hvr process to finish initialising it (lock ${lockFile})`,
      );
    }
    await sleep(POLL_MS + Math.floor(Math.random() * POLL_MS));
  }
}

const isBusy = (error: unknown): boolean =>
  error instanceof Database.SqliteError && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED');

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
