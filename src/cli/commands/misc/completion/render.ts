import type { CommandSpec } from '../../../command.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { completionModel, SHELLS, type Shell } from './model.js';
import { zshScript } from './zsh.js';

export { SHELLS };

export const isShell = (word: string): word is Shell => (SHELLS as readonly string[]).includes(word);

/** The completion script for `shell`, made from `specs`. */
export function completionScript(
  shell: Shell,
  specs: readonly CommandSpec[],
  groupSummary: (group: string) => string,
): string {
  const model = completionModel(
    specs.filter((s) => !s.hidden),
    groupSummary,
  );
  switch (shell) {
    case 'bash':
      return bashScript(model);
    case 'zsh':
      return zshScript(model);
    case 'fish':
      return fishScript(model);
  }
}
