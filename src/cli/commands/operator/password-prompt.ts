/**
 * go-secure-stdlib's `password.Read`: one line from a terminal in raw mode (so nothing is
 * echoed), ending at CR or LF; Ctrl-C (byte 3) is "interrupted"; a leading "\x20\x7f" (iTerm's
 * delete) is dropped. A stream that is not a terminal fails as Go's does.
 */
export interface TerminalInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  readonly fd?: number;
  setRawMode?(mode: boolean): unknown;
}

export class PasswordReadError extends Error {
  override readonly name = 'PasswordReadError';
  constructor(
    message: string,
    /** True for Ctrl-C (Go's `password.ErrInterrupted`). */
    readonly interrupted: boolean,
  ) {
    super(message);
  }
}

/** The process's stdin, where Vault's commands read hidden input from. */
export const processTerminal = (): TerminalInput => process.stdin;

export function readPassword(input: TerminalInput): Promise<string> {
  if (input.isTTY !== true || typeof input.setRawMode !== 'function') {
    return Promise.reject(new PasswordReadError(`file descriptor ${input.fd ?? 0} is not a terminal`, false));
  }
  const setRawMode = input.setRawMode.bind(input);
  setRawMode(true);
  return new Promise<string>((resolve, reject) => {
    const bytes: number[] = [];
    const finish = (error: PasswordReadError | undefined) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      setRawMode(false);
      input.pause();
      if (error) reject(error);
      else
        resolve(
          Buffer.from(bytes)
            .toString('utf8')
            .replace(/^\x20\x7f/, ''),
        );
    };
    const onData = (chunk: Buffer | string) => {
      for (const byte of typeof chunk === 'string' ? Buffer.from(chunk) : chunk) {
        if (byte === 0x0d || byte === 0x0a) return finish(undefined);
        if (byte === 0x03) return finish(new PasswordReadError('interrupted', true));
        bytes.push(byte);
      }
    };
    const onEnd = () => finish(undefined);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}
