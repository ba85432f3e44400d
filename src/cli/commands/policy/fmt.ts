import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { HvrError } from '../../../core/errors.js';
import { parseHcl } from '../../../core/policy/hcl.js';
import { type HclDocument, hclToPlain } from '../../../core/policy/hcl-ast.js';
import { parsePolicy } from '../../../core/policy/policy.js';
import { type CommandSpec, checkArgs, type Env } from '../../command.js';
import { formatHcl } from './hcl-printer.js';
import { scanHcl } from './hcl-source.js';
import { goFileError, readText } from './read-source.js';

/** mitchellh/go-homedir Expand: `~` and `~/…` only. */
function expandHome(path: string, env: Env): { readonly path: string } | { readonly error: string } {
  if (!path.startsWith('~')) return { path };
  if (path.length > 1 && path[1] !== '/' && path[1] !== '\\')
    return { error: 'cannot expand user-specific home dir' };
  const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir();
  return { path: home + path.slice(1) };
}

function sameDocument(doc: HclDocument, formatted: string): boolean {
  try {
    return isDeepStrictEqual(hclToPlain(parseHcl(formatted).root), hclToPlain(doc.root));
  } catch {
    return false;
  }
}

/** `vault policy fmt` (command/policy_fmt.go): validate a policy file and rewrite it in canonical HCL. */
export const policyFmtCommand: CommandSpec = {
  name: 'policy fmt',
  summary: 'Formats a policy on disk',
  usage: 'hvr policy fmt [options] PATH',
  help: [
    'Formats a local policy file to the policy specification. This command will',
    'overwrite the file at the given PATH with the properly-formatted policy',
    'file contents.',
    '',
    'Format the local file "my-policy.hcl" as a policy file:',
    '',
    '    $ hvr policy fmt my-policy.hcl',
  ].join('\n'),
  flags: [],
  local: true,
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const expanded = expandHome((ctx.args[0] ?? '').trim(), ctx.env);
    if ('error' in expanded) return ctx.out.usageError(`Failed to expand path: ${expanded.error}`);
    const { path } = expanded;
    const read = await readText(path);
    if ('error' in read) return ctx.out.usageError(`Error reading source file: ${read.error}`);
    try {
      parsePolicy('', read.text);
    } catch (error) {
      if (error instanceof HvrError) return ctx.out.usageError(error.message);
      throw error;
    }
    const doc = parseHcl(read.text);
    // hcl v1's printer parses HCL syntax only, so a JSON policy cannot be printed.
    if (doc.format === 'json')
      return ctx.out.usageError('Error printing result: At 1:1: expected: IDENT | STRING got: LBRACE');
    const result = formatHcl(doc, scanHcl(read.text));
    // The file is rewritten in place: never with something that reads differently.
    if (!sameDocument(doc, result)) {
      return ctx.out.usageError(
        'Error printing result: the formatted policy would not parse the same; the file was left unchanged',
      );
    }
    try {
      await writeFile(path, result, { mode: 0o644 });
    } catch (error) {
      return ctx.out.usageError(`Error writing result: ${goFileError('open', path, error)}`);
    }
    ctx.out.info(`Success! Formatted policy: ${path}`);
    return 0;
  },
};
