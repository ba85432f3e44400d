import { Writable } from 'node:stream';
import type { Client } from '../../../client/client.js';
import type { ExitCode } from '../../command.js';
import type { Streams } from '../../output/streams.js';
import { CurlRecordingClient, type CurlSource, type RecorderOptions } from './curl-recorder.js';
import { SamplePolicyError, samplePolicy } from './sample-policy.js';

/**
 * `-output-curl-string` and `-output-policy` as Vault's main.go does them: spotted anywhere
 * before `--` (bare forms only), the command's stderr held back, every request recorded
 * instead of sent, and the outcome decided after the command returns.
 */
export function wantsCurlString(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '-output-curl-string' || arg === '--output-curl-string') return true;
  }
  return false;
}

export type DryRunKind = 'curl' | 'policy';

export interface CurlMode {
  /** Real stdout, buffered stderr: what the command writes to. */
  readonly streams: Streams;
  /** Wraps the client the command gets; the real client must be able to print curl. */
  wrap(inner: Client & CurlSource, live?: () => Promise<Client>): Client;
  /** Vault's generateCurlString / generatePolicy: prints the result (exit 0) or why not. */
  finish(exit: ExitCode): ExitCode;
}

const MESSAGES: Record<DryRunKind, { none: string; unable: string }> = {
  curl: { none: 'Could not generate cURL command', unable: 'Unable to generate cURL string from command\n' },
  policy: { none: 'Could not generate policy', unable: 'Unable to generate policy from command\n' },
};

export function curlMode(real: Streams, kind: DryRunKind = 'curl'): CurlMode {
  let held = '';
  const stderr = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      held += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      done();
    },
  });
  let recorder: CurlRecordingClient | undefined;
  let renderError: string | undefined;
  const render = (req: Parameters<typeof samplePolicy>[0]): string => {
    renderError = undefined;
    try {
      return samplePolicy(req);
    } catch (error) {
      if (!(error instanceof SamplePolicyError)) throw error;
      renderError = error.message;
      return '';
    }
  };
  return {
    streams: { stdout: real.stdout, stderr },
    wrap(inner, live) {
      const opts: RecorderOptions = {
        ...(kind === 'policy' ? { render } : {}),
        ...(live ? { live } : {}),
      };
      recorder = new CurlRecordingClient(inner, opts);
      return recorder;
    },
    finish(exit) {
      if (exit === 0) {
        real.stderr.write(MESSAGES[kind].none);
        return 1;
      }
      const recorded = recorder?.curl;
      if (recorded === undefined) {
        real.stderr.write(held);
        real.stderr.write(MESSAGES[kind].unable);
        return exit;
      }
      if (renderError !== undefined) {
        real.stderr.write(`Error assembling policy HCL: ${renderError}\n`);
        return 1;
      }
      real.stdout.write(`${recorded}\n`);
      return 0;
    },
  };
}
