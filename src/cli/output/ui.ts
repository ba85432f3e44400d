import type { Painter } from './colour.js';
import type { Streams } from './streams.js';

/**
 * Vault's `cli.Ui` over hvr's Streams: `output`/`info` to stdout, `error`/`warn` to stderr,
 * each with a newline; `printRaw` is `PrintRaw`, whose newline depends on the terminal.
 */
export interface Ui {
  output(text: string): void;
  info(text: string): void;
  error(text: string): void;
  warn(text: string): void;
  /** `PrintRaw`: a newline only when stdout is a colour-capable terminal. */
  printRaw(text: string): void;
}

export function createUi(streams: Streams, paint: Painter, rawNewline: boolean): Ui {
  return {
    output: (text) => streams.stdout.write(`${text}\n`),
    info: (text) => streams.stdout.write(`${text}\n`),
    error: (text) => streams.stderr.write(`${paint.error(text)}\n`),
    warn: (text) => streams.stderr.write(`${paint.warn(text)}\n`),
    printRaw: (text) => streams.stdout.write(rawNewline ? `${text}\n` : text),
  };
}
