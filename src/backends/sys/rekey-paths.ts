import type { Core } from '../../core/core.js';
import { decodeKeyShare } from '../../core/seal.js';
import { badRequest } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { PathSpec } from '../../logical/path-spec.js';
import { rawJSON } from './raw-json.js';

/** Vault's wording, typo included (http/sys_rekey.go). */
function keyShare(fields: Fields): Uint8Array {
  const key = fields.string('key');
  if (!key) throw badRequest("'key' must specified in request body as JSON");
  return decodeKeyShare(key);
}

/**
 * sys/rekey/*: raw JSON like Vault's http handlers, and like them reachable without a token
 * (the unseal key shares are the proof). PGP-encrypted shares, and so backups, are refused.
 */
export function rekeyPaths(core: Core): PathSpec[] {
  const op = core.rekey;
  return [
    {
      pattern: 'rekey/init',
      auth: 'none',
      synopsis: 'Starts, reads or cancels a rekey of the unseal keys.',
      fields: {
        secret_shares: { type: 'int', description: 'Number of key shares to split the new unseal key into.' },
        secret_threshold: {
          type: 'int',
          description: 'Number of key shares required to reconstruct the new unseal key.',
        },
        pgp_keys: {
          type: 'comma-string-list',
          description: 'Not supported by hvr: PGP keys to encrypt the new shares with.',
        },
        backup: { type: 'bool', description: 'Not supported by hvr (needs pgp_keys).' },
        require_verification: {
          type: 'bool',
          description: 'Require a threshold of the new shares before they take effect.',
        },
        stored_shares: { type: 'int' },
      },
      ops: {
        read: async () => rawJSON(await op.status()),
        update: async (_req, fields) => {
          const pgp = fields.strings('pgp_keys') ?? [];
          if (fields.bool('backup') && pgp.length === 0) {
            throw badRequest(
              'cannot request a backup of the new keys without providing PGP keys for encryption',
            );
          }
          if (pgp.length > 0) {
            throw badRequest('PGP-encrypted key shares are not supported by hvr yet; omit pgp_keys');
          }
          return rawJSON(
            await op.start(
              fields.int('secret_shares') ?? 0,
              fields.int('secret_threshold') ?? 0,
              fields.bool('require_verification') ?? false,
            ),
          );
        },
        delete: async () => {
          op.cancel();
          return null;
        },
      },
    },
    {
      pattern: 'rekey/update',
      auth: 'none',
      synopsis: 'Submits one current unseal key share towards the rekey.',
      fields: {
        key: { type: 'string', description: 'One current unseal key share, hex or base64.' },
        nonce: { type: 'string', description: 'The nonce of the rekey operation.' },
      },
      ops: {
        update: async (_req, fields) =>
          rawJSON(await op.update(keyShare(fields), fields.string('nonce') ?? '')),
      },
    },
    {
      pattern: 'rekey/verify',
      auth: 'none',
      synopsis: 'Verifies the new unseal key shares before they take effect.',
      fields: {
        key: { type: 'string', description: 'One new unseal key share, hex or base64.' },
        nonce: { type: 'string', description: 'The nonce of the verification operation.' },
      },
      ops: {
        read: async () => rawJSON(await verifyStatus(core)),
        update: async (_req, fields) => {
          await verifyStatus(core);
          return rawJSON(await op.verify(keyShare(fields), fields.string('nonce') ?? ''));
        },
        delete: async () => {
          await verifyStatus(core);
          op.restartVerification();
          return rawJSON(await verifyStatus(core));
        },
      },
    },
    {
      pattern: 'rekey/backup',
      auth: 'sudo',
      synopsis: 'Backed-up PGP-encrypted unseal keys (hvr keeps none).',
      ops: {
        read: async () => {
          throw badRequest('no backed-up keys found');
        },
        delete: async () => null,
      },
    },
  ];
}

/** GET sys/rekey/verify: 400 when no rekey is in progress (handleSysRekeyVerifyGet). */
async function verifyStatus(core: Core) {
  const status = await core.rekey.status();
  if (!status.started) throw badRequest('no rekey configuration found');
  return core.rekey.verifyStatus();
}
