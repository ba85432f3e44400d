import type { ResponseError } from '../../client/errors.js';
import type { Secret } from '../../client/secret.js';
import { noColor, painter, useColour } from './colour.js';
import type { ExitCode } from './exit-code.js';
import { chooseOutputFormat, type FormatChoice, type OutputFormat, RAW_NOT_SUPPORTED } from './format.js';
import { mapField, rawField } from './raw-field.js';
import type { RenderContext } from './render-context.js';
import { formatterFailed, outputDocument, PRETTY_UNSUPPORTED } from './render-context.js';
import { printRawField } from './render-field.js';
import { type KvLayoutOptions, type KvWrittenOptions, kvGet, kvGetField, kvWritten } from './render-kv.js';
import { outputList } from './render-list.js';
import { outputMap, outputSecret, printWarnings } from './render-secret.js';
import {
  type LeaderInput,
  type SealStatusInput,
  sealStatusDocument,
  sealStatusTable,
} from './seal-status.js';
import { isTerminal, type Streams } from './streams.js';
import { createUi } from './ui.js';

export interface OutputOptions {
  readonly streams: Streams;
  readonly format: OutputFormat;
  /** `-field`: when set, `secret()` prints only that field. */
  readonly field?: string;
  /** `-detailed` / `VAULT_DETAILED`. */
  readonly detailed?: boolean;
  /** NO_COLOR, TERM and VAULT_CLI_NO_COLOR decide colour and `-field`'s newline. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The CLI's only writer: Vault's formatters, messages and exit codes. */
export interface Output {
  readonly format: OutputFormat;
  /** The `-field` name, if any. */
  readonly fieldName: string | undefined;
  readonly stdoutIsTerminal: boolean;
  /** `OutputSecret`, or `PrintRawField` when `-field` is set. 0, or 1 if the formatter fails. */
  secret(secret: Secret): ExitCode;
  /** `PrintRawField` on a secret; 1 when the field is not present. */
  field(secret: Secret, name: string): ExitCode;
  /** `PrintRawField` on a plain map (e.g. KV v2's `data.data`). */
  dataField(data: Readonly<Record<string, unknown>>, name: string): ExitCode;
  /** `OutputList`. */
  list(secret: Secret): ExitCode;
  /** All of `vault list` after the request: wrapped, empty, missing and normal responses. */
  listResponse(secret: Secret | null, path: string): ExitCode;
  /** `OutputData` for a map. */
  data(value: Readonly<Record<string, unknown>> | null): ExitCode;
  /** `vault read -format=raw`: the response body as it came. */
  raw(body: string): ExitCode;
  kvGet(secret: Secret, opts: KvLayoutOptions): ExitCode;
  kvWritten(secret: Secret, opts: KvWrittenOptions): ExitCode;
  /** `vault status`: the table or document; 2 when sealed, as Vault reserves 2 for that. */
  status(seal: SealStatusInput, leader: LeaderInput): ExitCode;
  /** A `Success! …` line, printed in table format only (Vault is silent otherwise). */
  success(message: string): ExitCode;
  /** A plain stdout line (`ui.Info`). */
  info(message: string): void;
  /** The warnings banner on stderr. */
  warnings(list: readonly string[] | null | undefined): void;
  /** A plain stderr line (`ui.Error`, red on a terminal). */
  error(message: string): void;
  /** A stderr line of the CLI's own (`ui.Warn`, yellow on a terminal). */
  warn(message: string): void;
  usageError(message: string): 1;
  apiError(message: string): 2;
  /** `<what>: Error making API request. …` (e.g. `Error reading secret/foo`), exit 2. */
  requestFailed(what: string, cause: ResponseError | string): 2;
  /** `No value found at <path>`, exit 2. */
  notFound(path: string): 2;
  /** For commands other than `vault read`: 1 (after the message) when `-format=raw`. */
  rejectRaw(): 1 | undefined;
}

export function createOutput(opts: OutputOptions): Output {
  const env = opts.env ?? process.env;
  const stdoutIsTerminal = isTerminal(opts.streams.stdout);
  const facts = { stdoutIsTerminal, env };
  const ui = createUi(opts.streams, painter(useColour(facts, opts.format === 'table')), !noColor(facts));
  const ctx: RenderContext = { ui, format: opts.format, detailed: opts.detailed === true };
  const field = opts.field === '' ? undefined : opts.field;

  const out: Output = {
    format: opts.format,
    fieldName: field,
    stdoutIsTerminal,
    secret: (secret) => (field === undefined ? outputSecret(ctx, secret) : out.field(secret, field)),
    field: (secret, name) => printRawField(ctx, rawField(secret, name), name),
    dataField: (data, name) => printRawField(ctx, mapField(data, name), name),
    list: (secret) => outputList(ctx, secret),
    listResponse: (secret, path) => {
      if (secret?.wrap_info && secret.wrap_info.ttl !== 0) return outputSecret(ctx, secret);
      const hasKeys = Array.isArray(secret?.data?.keys);
      if (opts.format !== 'table' && (!secret?.data || !hasKeys)) {
        outputMap(ctx, {});
        return 2;
      }
      if (secret === null) return out.notFound(path);
      if (!secret.data) return outputSecret(ctx, secret);
      if (!hasKeys) return out.apiError(`No entries found at ${path}`);
      return outputList(ctx, secret);
    },
    data: (value) => outputMap(ctx, value),
    raw: (body) => {
      ui.output(body);
      return 0;
    },
    kvGet: (secret, kv) =>
      field === undefined ? kvGet(ctx, secret, kv) : kvGetField(ctx, secret, field, kv),
    kvWritten: (secret, kv) => (field === undefined ? kvWritten(ctx, secret, kv) : out.field(secret, field)),
    status: (seal, leader) => {
      let code: ExitCode = 0;
      if (opts.format === 'table') ui.output(sealStatusTable(seal, leader));
      else if (opts.format === 'pretty') code = formatterFailed(ctx, PRETTY_UNSUPPORTED);
      else code = outputDocument(ctx, sealStatusDocument(seal, leader));
      return seal.sealed ? 2 : code;
    },
    success: (message) => {
      if (opts.format === 'table') ui.info(message);
      return 0;
    },
    info: (message) => ui.info(message),
    warnings: (list) => printWarnings(ctx, list),
    error: (message) => ui.error(message),
    warn: (message) => ui.warn(message),
    usageError: (message) => {
      ui.error(message);
      return 1;
    },
    apiError: (message) => {
      ui.error(message);
      return 2;
    },
    requestFailed: (what, cause) =>
      out.apiError(`${what}: ${typeof cause === 'string' ? cause : cause.message}`),
    notFound: (path) => out.apiError(`No value found at ${path}`),
    rejectRaw: () => (opts.format === 'raw' ? out.usageError(RAW_NOT_SUPPORTED) : undefined),
  };
  return out;
}

/** Picks the format from `-format` and `VAULT_FORMAT`, or prints Vault's error (exit 1). */
export function resolveOutputFormat(
  streams: Streams,
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): FormatChoice {
  const choice = chooseOutputFormat(flag, env.VAULT_FORMAT);
  if (!choice.ok) {
    const ui = createUi(streams, painter(false), false);
    ui.error(choice.message);
  }
  return choice;
}
