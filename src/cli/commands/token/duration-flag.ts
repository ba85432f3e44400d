import { DurationError, parseDurationSeconds } from '../../../gocompat/duration.js';
import type { CommandContext } from '../../command.js';
import { flagString } from '../../flags.js';

/** A duration flag's value in seconds, or the exit code after Go's flag error was printed. */
export type DurationFlag =
  | { readonly ok: true; readonly seconds: number }
  | { readonly ok: false; readonly exit: 1 };

/**
 * Vault's DurationVar: a bare number is seconds, `system` means -1, anything else is a Go
 * duration; a bad value is the flag package's `invalid value "x" for flag -name: …` (exit 1).
 */
export function durationFlag(ctx: CommandContext, name: string): DurationFlag {
  const raw = flagString(ctx.flags, name);
  if (raw === undefined || raw === '') return { ok: true, seconds: 0 };
  try {
    return { ok: true, seconds: parseDurationSeconds(raw === 'system' ? '-1' : raw) };
  } catch (error) {
    if (!(error instanceof DurationError)) throw error;
    return {
      ok: false,
      exit: ctx.out.usageError(`invalid value "${raw}" for flag -${name}: ${error.message}`),
    };
  }
}
