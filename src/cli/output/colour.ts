import { Chalk } from 'chalk';

/** Vault's ColoredUi: errors red, warnings yellow, everything else plain. */
export interface Painter {
  readonly error: (text: string) => string;
  readonly warn: (text: string) => string;
}

export function painter(enabled: boolean): Painter {
  if (!enabled) return { error: (t) => t, warn: (t) => t };
  const chalk = new Chalk({ level: 1 });
  return { error: (t) => chalk.red(t), warn: (t) => chalk.yellow(t) };
}

export interface TerminalFacts {
  readonly stdoutIsTerminal: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** fatih/color's `NoColor`: not a terminal, `NO_COLOR` set, or `TERM=dumb`. */
export const noColor = ({ stdoutIsTerminal, env }: TerminalFacts): boolean =>
  !stdoutIsTerminal || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb';

/** Vault colours only table output, and never with `VAULT_CLI_NO_COLOR` set. */
export const useColour = (facts: TerminalFacts, tableFormat: boolean): boolean =>
  tableFormat && !noColor(facts) && (facts.env.VAULT_CLI_NO_COLOR ?? '') === '';
