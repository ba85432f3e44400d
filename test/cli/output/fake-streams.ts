import { Writable } from 'node:stream';
import type { Streams } from '../../../src/cli/output/streams.js';

/** A writable that records what was written and says whether it is a terminal. */
class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface FakeStreams extends Streams {
  readonly out: () => string;
  readonly err: () => string;
}

export function fakeStreams(opts: { tty?: boolean } = {}): FakeStreams {
  const stdout = new Capture(opts.tty === true);
  const stderr = new Capture(opts.tty === true);
  return { stdout, stderr, out: () => stdout.text, err: () => stderr.text };
}

/** An environment with nothing that changes colour or newlines. */
export const plainEnv: Readonly<Record<string, string | undefined>> = {};
