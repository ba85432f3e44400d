import type { Core } from '../../core/core.js';
import { decodeKeyShare } from '../../core/seal.js';
import { badRequest } from '../../logical/errors.js';
import type { PathSpec } from '../../logical/path-spec.js';
import { rawJSON } from './raw-json.js';

/** sys/generate-root/attempt and /update: raw JSON, no token needed (the key shares are the proof). */
export function generateRootPaths(core: Core): PathSpec[] {
  const op = core.generateRoot;
  return [
    {
      pattern: 'generate-root/attempt',
      auth: 'none',
      fields: { otp: { type: 'string' }, pgp_key: { type: 'string' } },
      synopsis: 'Starts, reads or cancels a root token generation.',
      ops: {
        read: async () => rawJSON(await op.status('root')),
        update: async (_req, fields) =>
          rawJSON(await op.start('root', fields.string('otp'), fields.string('pgp_key'))),
        delete: async () => {
          op.cancel();
          return null;
        },
      },
    },
    {
      pattern: 'generate-root/update',
      auth: 'none',
      fields: { key: { type: 'string' }, nonce: { type: 'string' } },
      synopsis: 'Submits one unseal key share towards a root token.',
      ops: {
        update: async (_req, fields) => {
          const key = fields.string('key');
          if (!key) throw badRequest("'key' must be specified in request body as JSON");
          const share = decodeKeyShare(key);
          return rawJSON(await op.update('root', share, fields.string('nonce') ?? ''));
        },
      },
    },
  ];
}
