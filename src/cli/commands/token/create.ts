import { formatGoDuration } from '../../../gocompat/duration.js';
import { type CommandSpec, checkArgs } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { flagBool, flagList, flagMap, flagString } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { durationFlag } from './duration-flag.js';
import { printSecret } from './print-secret.js';

/** `vault token create` (command/token_create.go): POST auth/token/create[/ROLE]. */
export const tokenCreateCommand: CommandSpec = {
  name: 'token create',
  summary: 'Create a new token',
  usage: 'hvr token create [options]',
  help: [
    'Creates a new token that can be used for authentication. This token will be',
    'created as a child of the currently authenticated token. The generated token',
    'will inherit all policies and permissions of the currently authenticated',
    'token unless you explicitly define a subset list policies to assign to the',
    'token.',
    '',
    'If a role is specified, the role may override parameters specified here.',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...OUTPUT_FLAGS,
    {
      name: 'id',
      type: 'string',
      usage:
        'Value for the token. By default, this is an auto-generated string. Specifying this value requires sudo permissions.',
    },
    { name: 'display-name', type: 'string', usage: 'Name to associate with this token.' },
    { name: 'ttl', type: 'duration', usage: 'Initial TTL to associate with the token, like "30s" or "5m".' },
    {
      name: 'explicit-max-ttl',
      type: 'duration',
      usage: 'Explicit maximum lifetime for the token, a hard limit.',
    },
    {
      name: 'period',
      type: 'duration',
      usage: 'If specified, every renewal will use the given period (a periodic token).',
    },
    {
      name: 'renewable',
      type: 'bool',
      default: true,
      usage: "Allow the token to be renewed up to it's maximum TTL.",
    },
    {
      name: 'orphan',
      type: 'bool',
      usage: 'Create the token with no parent. Requires root or sudo permissions.',
    },
    {
      name: 'no-default-policy',
      type: 'bool',
      usage: 'Detach the "default" policy from the policy set for this token.',
    },
    { name: 'use-limit', type: 'int', default: '0', usage: 'Number of times this token can be used.' },
    { name: 'role', type: 'string', usage: 'Name of the role to create the token against.' },
    {
      name: 'type',
      type: 'string',
      default: 'service',
      usage: 'The type of token to create. Can be "service" or "batch".',
    },
    {
      name: 'metadata',
      type: 'map',
      usage: 'Arbitrary key=value metadata to associate with the token. Repeatable.',
    },
    {
      name: 'policy',
      type: 'string-slice',
      usage: 'Name of a policy to associate with this token. Repeatable.',
    },
    {
      name: 'entity-alias',
      type: 'string',
      usage: 'Name of the entity alias to associate with during token creation (with -role).',
    },
  ],
  async run(ctx) {
    const bad = checkArgs(ctx, 0, 0);
    if (bad !== undefined) return bad;
    const ttl = durationFlag(ctx, 'ttl');
    if (!ttl.ok) return ttl.exit;
    const explicitMax = durationFlag(ctx, 'explicit-max-ttl');
    if (!explicitMax.ok) return explicitMax.exit;
    const period = durationFlag(ctx, 'period');
    if (!period.ok) return period.exit;
    const type = flagString(ctx.flags, 'type') ?? 'service';
    // A batch token is never renewable.
    const renewable = type === 'batch' ? false : flagBool(ctx.flags, 'renewable');
    const policies = flagList(ctx.flags, 'policy');
    const metadata = flagMap(ctx.flags, 'metadata');
    const id = flagString(ctx.flags, 'id') ?? '';
    // api.TokenCreateRequest as Go encodes it: omitempty fields left out when empty.
    const body: Record<string, unknown> = {
      ...(id === '' ? {} : { id }),
      ...(policies.length > 0 ? { policies } : {}),
      ...(Object.keys(metadata).length > 0 ? { meta: metadata } : {}),
      ttl: formatGoDuration(ttl.seconds),
      explicit_max_ttl: formatGoDuration(explicitMax.seconds),
      period: formatGoDuration(period.seconds),
      ...(flagBool(ctx.flags, 'orphan') ? { no_parent: true } : {}),
      ...(flagBool(ctx.flags, 'no-default-policy') ? { no_default_policy: true } : {}),
      display_name: flagString(ctx.flags, 'display-name') ?? '',
      num_uses: Number.parseInt(flagString(ctx.flags, 'use-limit') ?? '0', 10),
      renewable,
      type,
      entity_alias: flagString(ctx.flags, 'entity-alias') ?? '',
    };
    const role = flagString(ctx.flags, 'role') ?? '';
    const path = role === '' ? 'auth/token/create' : `auth/token/create/${role}`;
    try {
      const secret = await (await ctx.logical()).write(path, body, { headers: ctx.callHeaders() });
      return printSecret(ctx, secret);
    } catch (error) {
      return requestFailed(ctx, 'Error creating token', error);
    }
  },
};
