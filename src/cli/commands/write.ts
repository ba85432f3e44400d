import type { Secret } from '../../client/secret.js';
import { type CommandContext, type CommandSpec, type ExitCode, sanitizePath } from '../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../common-flags.js';
import { flagBool } from '../flags.js';
import { parseDataArgs } from '../kv-data.js';
import { requestFailed } from './request-error.js';

/** Vault's handleWriteSecretOutput: success line for empty answers, else the secret. */
export function writeOutput(ctx: CommandContext, path: string, secret: Secret | null): ExitCode {
  if (secret === null) return ctx.out.success(`Success! Data written to: ${path}`);
  if (
    ctx.out.format === 'table' &&
    ctx.out.fieldName === undefined &&
    secret.data === null &&
    !secret.auth &&
    !secret.wrap_info
  ) {
    ctx.out.warnings(secret.warnings);
    return ctx.out.success(`Success! Data written to: ${path}`);
  }
  return ctx.out.secret(secret);
}

const WRITE_HELP = [
  'Writes data to Vault at the given path. The data can be credentials, secrets,',
  'configuration, or arbitrary data. The specific behavior of this command is',
  'determined at the thing mounted at the path.',
  '',
  'Data is specified as "key=value" pairs. If the value begins with an "@", then',
  'it is loaded from a file. If the value is "-", Vault will read the value from',
  'stdin.',
  '',
  'Persist data in the generic secrets engine:',
  '',
  '    $ hvr write secret/my-secret foo=bar',
  '',
  'Create a new encryption key in the transit secrets engine:',
  '',
  '    $ hvr write -force transit/keys/my-key',
  '',
  'Upload an AWS IAM policy from a file on disk:',
  '',
  '    $ hvr write aws/roles/ops policy=@policy.json',
  '',
  'Configure access to Consul by providing an access token:',
  '',
  '    $ echo $MY_TOKEN | hvr write consul/config/access token=-',
  '',
  'For a full list of examples and paths, please see the documentation that',
  'corresponds to the secret engines in use.',
].join('\n');

const PATCH_HELP = [
  'Patches data in Vault at the given path. The data can be credentials, secrets,',
  'configuration, or arbitrary data. The specific behavior of this command is',
  'determined at the thing mounted at the path.',
  '',
  'Data is specified as "key=value" pairs. If the value begins with an "@", then',
  'it is loaded from a file. If the value is "-", Vault will read the value from',
  'stdin.',
  '',
  'Unlike write, patch will only modify specified fields.',
  '',
  'Persist data in the generic secrets engine without modifying any other fields:',
  '',
  '    $ hvr patch pki/roles/example allow_localhost=false',
  '',
  'The data can also be consumed from a file on disk by prefixing with the "@"',
  'symbol. For example:',
  '',
  '    $ hvr patch pki/roles/example @role.json',
  '',
  'Or it can be read from stdin using the "-" symbol:',
  '',
  '    $ echo "example.com" | hvr patch pki/roles/example allowed_domains=-',
  '',
  'For a full list of examples and paths, please see the documentation that',
  'corresponds to the secret engines in use.',
].join('\n');

function writeLike(name: 'write' | 'patch'): CommandSpec {
  return {
    name,
    summary:
      name === 'write' ? 'Write data, configuration, and secrets' : 'Patch data, configuration, and secrets',
    usage: `hvr ${name} [options] PATH [DATA K=V...]`,
    help: name === 'write' ? WRITE_HELP : PATCH_HELP,
    flags: [
      ...HTTP_FLAGS,
      ...OUTPUT_FLAGS,
      ...(name === 'write'
        ? [
            {
              name: 'force',
              aliases: ['f'],
              type: 'bool' as const,
              usage: 'Allow the operation to continue with no key=value pairs.',
            },
          ]
        : []),
    ],
    async run(ctx) {
      if (ctx.args.length === 0) return ctx.out.usageError('Not enough arguments (expected 1, got 0)');
      const path = sanitizePath(ctx.args[0] ?? '');
      const data = await parseDataArgs(ctx.args.slice(1), ctx.stdin);
      if (data === null && !(name === 'write' && flagBool(ctx.flags, 'force'))) {
        return ctx.out.usageError('Must supply data or use -force');
      }
      let secret: Secret | null;
      try {
        const api = await ctx.logical();
        secret =
          name === 'write'
            ? await api.write(path, data, { headers: ctx.callHeaders() })
            : await api.patch(path, data ?? {}, { headers: ctx.callHeaders() });
      } catch (error) {
        return requestFailed(ctx, `Error writing data to ${path}`, error);
      }
      return writeOutput(ctx, path, secret);
    },
  };
}

export const writeCommand = writeLike('write');
export const patchCommand = writeLike('patch');
