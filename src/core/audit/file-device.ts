import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { badRequest, internalError } from '../../logical/errors.js';
import type { AuditDevice } from './device.js';
import { encodeEntryLine } from './encode.js';
import { DEFAULT_FILE_MODE, type FileSettings, parseFileOptions } from './file-options.js';
import { formatRequestEntry, formatResponseEntry } from './format.js';
import { type Hasher, hashString } from './hash.js';
import type { AuditInput } from './input.js';
import { nowRfc3339Nano } from './time.js';

export interface FileAuditDeviceConfig {
  /** The audit mount path (`file/`); only used in messages. */
  readonly path: string;
  readonly options: Readonly<Record<string, string>>;
  /** The device's HMAC key, created by the core and kept in the barrier. */
  readonly salt: string;
  /** Where `file_path=stdout` writes; defaults to file descriptor 1. */
  readonly stdout?: (line: string) => void;
}

/**
 * Validates the options and opens the file once (Vault's sanity check, so a bad path
 * fails `audit enable` rather than every later request).
 */
export function createFileAuditDevice(config: FileAuditDeviceConfig): FileAuditDevice {
  if (config.salt === '') throw internalError('audit device salt is required');
  const settings = parseFileOptions(config.options);
  const device = new FileAuditDevice(config, settings);
  try {
    device.open();
  } catch (error) {
    throw badRequest(
      `sanity check failed; unable to open ${JSON.stringify(settings.filePath)} for writing: ${messageOf(error)}`,
    );
  }
  return device;
}

const APPEND_FLAGS = constants.O_APPEND | constants.O_WRONLY | constants.O_CREAT;

/**
 * Vault's `file` audit device: one JSON line per entry, appended (O_APPEND) with a
 * synchronous write, so the line is in the file before the request is answered. A failed
 * write closes the file, reopens it and retries once, as Vault's file sink does.
 */
export class FileAuditDevice implements AuditDevice {
  readonly type = 'file';
  readonly path: string;
  readonly options: Readonly<Record<string, string>>;
  readonly salt: string;
  readonly settings: FileSettings;
  private readonly hasher: Hasher;
  private readonly stdout: (line: string) => void;
  private fd: number | null = null;
  private closed = false;

  constructor(config: FileAuditDeviceConfig, settings: FileSettings) {
    this.path = config.path;
    this.options = { ...config.options };
    this.salt = config.salt;
    this.settings = settings;
    this.hasher = (value) => hashString(this.salt, value);
    this.stdout = config.stdout ?? ((line) => writeSync(1, line));
  }

  hash(value: string): string {
    return this.hasher(value);
  }

  async logRequest(input: AuditInput): Promise<void> {
    if (this.settings.filePath === 'discard') return;
    this.write(formatRequestEntry(input, this.settings, this.hasher, nowRfc3339Nano()));
  }

  async logResponse(input: AuditInput): Promise<void> {
    if (this.settings.filePath === 'discard') return;
    this.write(formatResponseEntry(input, this.settings, this.hasher, nowRfc3339Nano()));
  }

  async reopen(): Promise<void> {
    if (this.isSpecial()) return;
    this.closeFile();
    this.open();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closeFile();
  }

  /** Opens the file if it is not open yet; throws the system error when it cannot. */
  open(): void {
    if (this.fd !== null || this.isSpecial()) return;
    const { filePath, mode } = this.settings;
    mkdirSync(dirname(filePath), { recursive: true, mode: 0o700 });
    const fd = openSync(filePath, APPEND_FLAGS, mode === 0 ? DEFAULT_FILE_MODE : mode);
    try {
      // An existing file gets the configured mode too; devices (/dev/null) are left alone.
      if (mode !== 0 && fstatSync(fd).isFile()) fchmodSync(fd, mode);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.fd = fd;
  }

  private write(entry: Parameters<typeof encodeEntryLine>[0]): void {
    const line = encodeEntryLine(entry, this.settings.prefix);
    if (this.settings.filePath === 'stdout') {
      this.stdout(line);
      return;
    }
    if (this.closed) throw new Error(`audit device ${this.path} is closed`);
    const bytes = Buffer.from(line, 'utf8');
    try {
      this.writeAll(bytes);
    } catch (first) {
      // Opportunistically reopen once (the file may have been rotated or removed).
      try {
        this.closeFile();
        this.writeAll(bytes);
      } catch (second) {
        throw new Error(
          `unable to write audit entry to ${JSON.stringify(this.settings.filePath)}: ${messageOf(second)}`,
          { cause: new AggregateError([first, second]) },
        );
      }
    }
  }

  private writeAll(bytes: Buffer): void {
    this.open();
    const fd = this.fd;
    if (fd === null) throw new Error('audit file is not open');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }

  private closeFile(): void {
    const fd = this.fd;
    this.fd = null; // even if close fails, the next write opens afresh
    if (fd !== null) closeSync(fd);
  }

  private isSpecial(): boolean {
    return this.settings.filePath === 'stdout' || this.settings.filePath === 'discard';
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
