import { Writable } from 'node:stream';
import type { Client } from '../../../client/client.js';
import type { ExitCode } from '../../command.js';
import type { Streams } from '../../output/streams.js';
import { CurlRecordingClient, type CurlSource } from './curl-recorder.js';

/**
 * `-output-curl-string` as Vault's main.go does it: spotted anywhere before `--` (only the
 * bare `-output-curl-string` / `--output-curl-string`), the command's stderr held back, every
 * request recorded instead of sent, and the outcome decided after the command returns.
 */
export function wantsCurlString(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '-output-curl-string' || arg === '--output-curl-string') return true;
  }
  return false;
}

export interface CurlMode {
  /** Real stdout, buffered stderr: what the command writes to. */
  readonly streams: Streams;
  /** Wraps the client the command gets; the real client must be able to print curl. */
  wrap(inner: Client & CurlSource): Client;
  /** Vault's generateCurlString: prints the curl string (exit 0) or explains why not. */
  finish(exit: ExitCode): ExitCode;
}

export function curlMode(real: Streams): CurlMode {
  let held = '';
  const stderr = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      held += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      done();
    },
  });
  let recorder: CurlRecordingClient | undefined;
  return {
    streams: { stdout: real.stdout, stderr },
    wrap(inner) {
      recorder = new CurlRecordingClient(inner);
      return recorder;
    },
    finish(exit) {
      if (exit === 0) {
        real.stderr.write('Could not generate cURL command');
        return 1;
      }
      const curl = recorder?.curl;
      if (curl === undefined) {
        real.stderr.write(held);
        real.stderr.write('Unable to generate cURL string from command\n');
        return exit;
      }
      real.stdout.write(`${curl}\n`);
      return 0;
    },
  };
}
