import type { JsonObject } from '../../../gocompat/json-value.js';
import type { CommandContext, ExitCode } from '../../command.js';
import { columnOutput } from '../../output/columnize.js';
import { goStruct } from '../../output/go-value.js';
import { wrapAtLengthWithPadding } from '../../output/text-wrap.js';
import { outputData } from '../output-data.js';
import { warn } from './api-failure.js';

/** api.GenerateRootStatusResponse, Go's zero values for what the answer lacks. */
export interface GenerateRootStatus {
  readonly nonce: string;
  readonly started: boolean;
  readonly progress: number;
  readonly required: number;
  readonly complete: boolean;
  readonly encoded_token: string;
  readonly encoded_root_token: string;
  readonly pgp_fingerprint: string;
  readonly otp: string;
  readonly otp_length: number;
}

export function asGenerateRootStatus(raw: JsonObject): GenerateRootStatus {
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const num = (k: string) => (typeof raw[k] === 'number' ? (raw[k] as number) : 0);
  return {
    nonce: str('nonce'),
    started: raw.started === true,
    progress: num('progress'),
    required: num('required'),
    complete: raw.complete === true,
    encoded_token: str('encoded_token'),
    encoded_root_token: str('encoded_root_token'),
    pgp_fingerprint: str('pgp_fingerprint'),
    otp: str('otp'),
    otp_length: num('otp_length'),
  };
}

/** Vault's `printStatus` (table, no header) or the struct as JSON/YAML. */
export function printGenerateRootStatus(ctx: CommandContext, s: GenerateRootStatus): ExitCode {
  if (ctx.out.format !== 'table') {
    return outputData(ctx, goStruct(Object.entries(s)));
  }
  const rows = [
    `Nonce | ${s.nonce}`,
    `Started | ${s.started}`,
    `Progress | ${s.progress}/${s.required}`,
    `Complete | ${s.complete}`,
  ];
  if (s.pgp_fingerprint !== '') rows.push(`PGP Fingerprint | ${s.pgp_fingerprint}`);
  if (s.encoded_token !== '') rows.push(`Encoded Token | ${s.encoded_token}`);
  else if (s.encoded_root_token !== '') rows.push(`Encoded Root Token | ${s.encoded_root_token}`);
  if (s.otp !== '') {
    warn(
      ctx,
      wrapAtLengthWithPadding(
        'A One-Time-Password has been generated for you and is shown in the OTP field. You will need this value to decode the resulting root token, so keep it safe.',
        0,
      ),
    );
    rows.push(`OTP | ${s.otp}`);
  }
  if (s.otp_length !== 0) rows.push(`OTP Length | ${s.otp_length}`);
  ctx.out.info(columnOutput(rows));
  return 0;
}
