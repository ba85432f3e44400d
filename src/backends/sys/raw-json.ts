import type { Response } from '../../logical/request.js';

/** Vault's raw sys handlers (health, seal-status, init, unseal, leader) answer plain JSON, no envelope. */
export const rawJSON = (body: unknown, status = 200): Response => ({
  raw: { status, contentType: 'application/json', body: `${JSON.stringify(body)}\n` },
});
