import { parseGoBool } from '../../gocompat/parse-bool.js';
import { badRequest } from '../../logical/errors.js';
import type { FormatConfig } from './format.js';

/**
 * The `file` device's options as Vault's factory reads them (builtin/audit/file,
 * audit/backend.go): `file_path` (or the old `path`), `format`, `hmac_accessor`,
 * `log_raw`, `elide_list_responses`, `prefix`, `mode`. Options Vault does not know are
 * kept but ignored, as Vault does.
 */
export interface FileSettings extends FormatConfig {
  /** A file path, or the keywords `stdout` / `discard`. */
  readonly filePath: string;
  readonly prefix: string;
  /** Permission bits; 0 means "leave the file's mode alone". */
  readonly mode: number;
}

export const DEFAULT_FILE_MODE = 0o600;

export function parseFileOptions(options: Readonly<Record<string, string>>): FileSettings {
  const rawPath = options.file_path ?? options.path;
  if (rawPath === undefined || rawPath.trim() === '') throw badRequest('file_path is required');
  checkFormat(options.format);
  return {
    filePath: normalizePath(rawPath.trim()),
    prefix: options.prefix ?? '',
    mode: parseMode(options.mode),
    raw: parseBool(options, 'log_raw', false),
    hmacAccessor: parseBool(options, 'hmac_accessor', true),
    elideListResponses: parseBool(options, 'elide_list_responses', false),
  };
}

const normalizePath = (path: string): string => {
  const lower = path.toLowerCase();
  return lower === 'stdout' || lower === 'discard' ? lower : path;
};

function checkFormat(format: string | undefined): void {
  if (format === undefined || format === 'json') return;
  if (format === 'jsonx') {
    throw badRequest('unsupported format type "jsonx": hvr audit devices write json only');
  }
  throw badRequest(`unknown format type ${JSON.stringify(format)}`);
}

function parseBool(options: Readonly<Record<string, string>>, name: string, fallback: boolean): boolean {
  const value = options[name];
  if (value === undefined) return fallback;
  const parsed = parseGoBool(value);
  if (parsed === undefined) throw badRequest(`unable to parse "${name}": invalid configuration`);
  return parsed;
}

// strconv.ParseUint(mode, 8, 32); "0000" keeps the existing file's permissions.
function parseMode(mode: string | undefined): number {
  if (mode === undefined) return DEFAULT_FILE_MODE;
  if (!/^[0-7]{1,11}$/.test(mode) || Number.parseInt(mode, 8) > 0xffffffff) {
    throw badRequest(`unable to parse "mode": invalid configuration`);
  }
  return Number.parseInt(mode, 8) & 0o7777;
}
