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
