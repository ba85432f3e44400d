/** The one place the CLI writes to the terminal. */
export interface Streams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export const processStreams = (): Streams => ({ stdout: process.stdout, stderr: process.stderr });

export const writeOut = (streams: Streams, text: string): void => {
  streams.stdout.write(text);
};

export const writeErr = (streams: Streams, text: string): void => {
  streams.stderr.write(text);
};

/** Whether a stream is a terminal (`tty.WriteStream#isTTY`); test doubles set `isTTY` themselves. */
export const isTerminal = (stream: NodeJS.WritableStream): boolean =>
  'isTTY' in stream && stream.isTTY === true;
