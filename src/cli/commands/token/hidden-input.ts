import type { Streams } from '../../output/streams.js';

/** Why a hidden read did not produce a value. */
export class HiddenInputError extends Error {
  override readonly name = 'HiddenInputError';
  constructor(
    readonly reason: 'not-a-terminal' | 'interrupted',
    message: string,
  ) {
    super(message);
  }
}

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\u007f', '\b']);
const INTERRUPT = '\u0003';
const EOF = '\u0004';

/**
 * go-secure-stdlib/password.Read: print the prompt on stderr, read one line from the
 * terminal without echo, then end the prompt line. Refuses when stdin is not a terminal
 * (Go's `inappropriate ioctl for device`); Ctrl-C is "interrupted".
 */
export async function readHidden(prompt: string, streams: Streams): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) throw new HiddenInputError('not-a-terminal', 'inappropriate ioctl for device');
  streams.stderr.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ENTER.has(ch) || (ch === EOF && value === '')) {
            input.off('data', onData);
            resolve(value);
            return;
          }
          if (ch === INTERRUPT) {
            input.off('data', onData);
            reject(new HiddenInputError('interrupted', 'interrupted'));
            return;
          }
          if (ERASE.has(ch)) value = Array.from(value).slice(0, -1).join('');
          else value += ch;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
    streams.stderr.write('\n');
  }
}
