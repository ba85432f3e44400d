import type { Core } from '../../core/core.js';
import { badRequest } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { PathSpec } from '../../logical/path-spec.js';
import type { Request } from '../../logical/request.js';

/** The wrapping token: the `token` field (third-party use) or the caller's own token. */
async function wrappingToken(
  core: Core,
  req: Request,
  fields: Fields,
): Promise<{ token: string; thirdParty: boolean }> {
  const given = fields.string('token');
  if (
    given &&
    req.token &&
    given !== req.token &&
    (await core.tokens.lookup(req.token))?.policies[0] === 'response-wrapping'
  ) {
    throw badRequest('wrapping token is not valid or does not exist');
  }
  const raw = given && given !== '' ? given : req.token;
  if (!raw) throw badRequest('wrapping token is not valid or does not exist');
  return { token: await core.wrapping.resolveToken(raw), thirdParty: Boolean(given) };
}

export function wrappingPaths(core: Core): PathSpec[] {
  return [
    {
      pattern: 'wrapping/wrap',
      requiresWrapping: true,
      openFields: true,
      synopsis: 'Response-wraps arbitrary JSON.',
      ops: { update: async (req) => ({ data: { ...req.data } }) },
    },
    {
      pattern: 'wrapping/unwrap',
      auth: 'none',
      fields: { token: { type: 'string' } },
      synopsis: 'Unwraps a response-wrapped token.',
      ops: {
        update: async (req, fields) => {
          const { token } = await wrappingToken(core, req, fields);
          const body = await core.wrapping.unwrap(token);
          const parsed = JSON.parse(body) as {
            data?: unknown;
            auth?: unknown;
            warnings?: unknown;
            lease_id?: string;
          };
          const empty = !parsed.data && !parsed.auth && !parsed.warnings && !parsed.lease_id;
          return {
            raw: empty
              ? { status: 204, contentType: 'application/json', body: '' }
              : { status: 200, contentType: 'application/json', body: `${body}\n` },
          };
        },
      },
    },
    {
      pattern: 'wrapping/lookup',
      auth: 'none',
      fields: { token: { type: 'string' } },
      synopsis: 'Looks up the properties of a wrapping token.',
      ops: {
        update: async (req, fields) => {
          const given = fields.string('token') ?? req.token;
          if (!given) throw badRequest('missing "token" value in input');
          const info = await core.wrapping.lookup(await core.wrapping.resolveToken(given));
          return { data: { ...info } };
        },
        read: async (req, fields) => {
          const given = fields.string('token') ?? req.token;
          if (!given) throw badRequest('missing "token" value in input');
          const info = await core.wrapping.lookup(await core.wrapping.resolveToken(given));
          return { data: { ...info } };
        },
      },
    },
    {
      pattern: 'wrapping/rewrap',
      auth: 'none',
      fields: { token: { type: 'string' } },
      synopsis: 'Rotates a wrapping token.',
      ops: {
        update: async (req, fields) => {
          const { token } = await wrappingToken(core, req, fields);
          const info = await core.wrapping.rewrap(token);
          return { wrapInfo: info };
        },
      },
    },
    {
      pattern: 'wrapping/pubkey',
      auth: 'none',
      synopsis: 'The public key that signs JWT wrapping tokens.',
      ops: { read: async () => ({ data: await core.wrapping.publicKey() }) },
    },
  ];
}
