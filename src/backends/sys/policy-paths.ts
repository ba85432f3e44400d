import type { Core } from '../../core/core.js';
import { badRequest } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { PathSpec } from '../../logical/path-spec.js';
import type { Request, Response } from '../../logical/request.js';
import type { TokenEntry } from '../../logical/token-entry.js';

async function capabilitiesFor(core: Core, entry: TokenEntry | null, fields: Fields): Promise<Response> {
  if (!entry) throw badRequest('invalid token');
  const paths = fields.strings('paths') ?? fields.strings('path') ?? [];
  if (paths.length === 0) throw badRequest('paths must be supplied');
  const acl = await core.policies.aclFor(entry.policies);
  const data: Record<string, unknown> = {};
  for (const path of paths) data[path] = acl.capabilities(path.replace(/^\/+/, ''));
  // handleCapabilities: `capabilities` is only there (for backwards compatibility) for one path.
  if (paths.length === 1) data.capabilities = data[paths[0] ?? ''];
  return { data };
}

/**
 * sys/capabilities and sys/capabilities-accessor: the capabilities of the token that `field`
 * names (a token id or an accessor) on `paths`.
 */
const capabilitiesOfTokenBy = (
  core: Core,
  pattern: string,
  field: 'token' | 'accessor',
  lookup: (value: string) => Promise<TokenEntry | null>,
): PathSpec => ({
  pattern,
  synopsis:
    field === 'token' ? "A token's capabilities on paths." : "A token's capabilities on paths, by accessor.",
  fields: {
    [field]: { type: 'string' },
    path: { type: 'comma-string-list' },
    paths: { type: 'comma-string-list' },
  },
  ops: {
    update: async (_req, fields) =>
      capabilitiesFor(core, await lookup(fields.requiredString(field, `'${field}' not specified`)), fields),
  },
});

const policyText = (fields: Fields, key: 'policy' | 'rules'): string => {
  const text = fields.string(key) ?? fields.string(key === 'policy' ? 'rules' : 'policy');
  if (text === undefined || text.trim() === '') throw badRequest("'policy' parameter not supplied or empty");
  return text;
};

export function policyPaths(core: Core): PathSpec[] {
  const names = async () => core.policies.list();
  const readPolicy = (field: 'policy' | 'rules') => async (_req: Request, fields: Fields) => {
    const policy = await core.policies.get(fields.requiredString('name'));
    if (!policy) return null;
    return { data: { name: policy.name, [field]: policy.raw } };
  };
  const writePolicy = (field: 'policy' | 'rules') => async (_req: Request, fields: Fields) => {
    await core.policies.set(fields.requiredString('name'), policyText(fields, field));
    return null;
  };
  const deletePolicy = async (_req: Request, fields: Fields) => {
    await core.policies.delete(fields.requiredString('name'));
    return null;
  };
  return [
    {
      pattern: 'policy',
      synopsis: 'Lists the ACL policies (legacy path).',
      ops: {
        read: async () => {
          const keys = await names();
          return { data: { keys, policies: keys } };
        },
      },
    },
    {
      pattern: 'policy/:name',
      synopsis: 'Reads, writes or deletes an ACL policy (legacy path).',
      fields: { name: { type: 'string' }, rules: { type: 'string' }, policy: { type: 'string' } },
      ops: { read: readPolicy('rules'), update: writePolicy('rules'), delete: deletePolicy },
    },
    {
      pattern: 'policies/acl/',
      synopsis: 'Lists the ACL policies.',
      ops: { list: async () => ({ data: { keys: await names() } }) },
    },
    {
      pattern: 'policies/acl',
      synopsis: 'Lists the ACL policies.',
      ops: { list: async () => ({ data: { keys: await names() } }) },
    },
    {
      pattern: 'policies/acl/:name',
      synopsis: 'Reads, writes or deletes an ACL policy.',
      fields: { name: { type: 'string' }, policy: { type: 'string' } },
      ops: { read: readPolicy('policy'), update: writePolicy('policy'), delete: deletePolicy },
    },
    capabilitiesOfTokenBy(core, 'capabilities', 'token', (token) => core.tokens.lookup(token)),
    capabilitiesOfTokenBy(core, 'capabilities-accessor', 'accessor', (accessor) =>
      core.tokens.lookupAccessor(accessor),
    ),
    {
      pattern: 'capabilities-self',
      synopsis: "The calling token's capabilities on paths.",
      fields: { path: { type: 'comma-string-list' }, paths: { type: 'comma-string-list' } },
      ops: { update: async (req, fields) => capabilitiesFor(core, req.caller?.entry ?? null, fields) },
    },
  ];
}
