import type { Handler } from '../../logical/path-spec.js';
import type { Operation } from '../../logical/request.js';
import { respondWithStatus } from './respond-with-status.js';

const ROOTS = new Set(['metadata', 'data', 'delete', 'undelete', 'destroy']);

const CLI_SUBCOMMAND: Partial<Record<Operation, string>> = {
  create: 'put',
  update: 'put',
  patch: 'patch',
  read: 'get',
  list: 'list',
  delete: 'delete',
};

/**
 * The plugin's `pathInvalid`: any path a KV v2 mount does not serve (a v1-style `secret/foo`,
 * `data/foo/`, the bare `data` root) answers 404 with a warning pointing at `vault kv`.
 */
export const invalidPath: Handler = async (req) => {
  if (ROOTS.has(req.path)) {
    return respondWithStatus(req, 404, {
      warnings: ['Non-listing operations on the root of a K/V v2 mount are not supported.'],
    });
  }
  const sub = CLI_SUBCOMMAND[req.operation] ?? '';
  return respondWithStatus(req, 404, {
    warnings: [
      `Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv ${sub}' for this operation.`,
    ],
  });
};
