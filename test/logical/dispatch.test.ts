import { describe, expect, it } from 'vitest';
import { dispatch, type MountedBackend } from '../../src/logical/dispatch.js';
import { permissionDenied } from '../../src/logical/errors.js';
import { compilePaths } from '../../src/logical/path-match.js';
import type { Backend } from '../../src/logical/path-spec.js';
import type { Operation, Request } from '../../src/logical/request.js';
import { createView } from '../../src/logical/storage-view.js';
import { MemoryBackend } from '../../src/storage/memory.js';
import { failure } from '../helpers/backend-harness.js';

const seen: string[] = [];

const backend: Backend = {
  type: 'demo',
  paths: [
    {
      pattern: 'flags/:name',
      synopsis: 'Named flags.',
      description: 'Sets and reads named flags.',
      fields: {
        name: { type: 'string', description: 'The flag name.' },
        enabled: { type: 'bool', description: 'Whether the flag is on.' },
        count: { type: 'int' },
      },
      ops: {
        update: async (req, f) => {
          seen.push(`update ${req.path}`);
          return { data: { name: f.string('name'), enabled: f.bool('enabled') ?? false } };
        },
        read: async (_req, f) => ({ data: { wrong: f.string('enabled') } }),
      },
      exists: async (_req, f) => f.string('name') === 'known',
    },
    {
      pattern: 'plain',
      synopsis: 'No existence check.',
      fields: { count: { type: 'int' } },
      ops: { update: async () => ({ data: {} }) },
    },
  ],
};

const mount: MountedBackend = {
  prefix: 'demo/',
  backend,
  compiled: compilePaths(backend.paths),
  ctx: {
    storage: createView(new MemoryBackend()),
    mount: {
      path: 'demo/',
      type: 'demo',
      uuid: 'u',
      accessor: 'demo_1',
      local: false,
      options: {},
      defaultLeaseTTL: 0,
      maxLeaseTTL: 0,
    },
    system: { defaultLeaseTTL: () => 0, maxLeaseTTL: () => 0 },
  },
};

const request = (operation: Operation, path: string, data: Record<string, unknown> = {}): Request => ({
  id: 'r',
  operation,
  path: `demo/${path}`,
  data,
  headers: {},
});
const run = (operation: Operation, path: string, data?: Record<string, unknown>) =>
  dispatch(mount, request(operation, path, data), path);

describe('dispatch', () => {
  it('falls back from create to update, refuses missing operations and unknown paths', async () => {
    seen.length = 0;
    const resp = await run('create', 'flags/a', { enabled: 'true' });
    expect(resp?.data).toEqual({ name: 'a', enabled: true });
    expect(seen).toEqual(['update flags/a']);
    expect(await failure(run('delete', 'flags/a'))).toMatchObject({
      status: 405,
      message: 'unsupported operation',
    });
    expect(await failure(run('read', 'nope'))).toMatchObject({
      status: 404,
      message: 'demo/nope: unsupported path',
    });
  });

  it('converts fields by their declared type with Vault’s error text', async () => {
    const bad = await failure(run('update', 'plain', { count: 'many' }));
    expect(bad.status).toBe(400);
    expect(bad.message).toBe(
      `Field validation failed: error converting input many for field "count": cannot parse '' as int: strconv.ParseInt: parsing "many": invalid syntax`,
    );
    // With an existence check, the core's multierror carries it (CheckToken).
    const checked = await failure(
      dispatch(mount, request('update', 'flags/a', { enabled: 'maybe' }), 'flags/a', {
        admit: async (a) => {
          await a.aclOperation();
          return a.request;
        },
      }),
    );
    expect(checked.message).toBe(
      `1 error occurred:\n\t* error converting input maybe for field "enabled": cannot parse '' as bool: strconv.ParseBool: parsing "maybe": invalid syntax\n\n`,
    );
  });

  it('validates only after admission, so an unauthorised caller learns nothing of the schema', async () => {
    const refused = await failure(
      dispatch(mount, request('update', 'plain', { count: 'many' }), 'plain', {
        admit: async () => {
          throw permissionDenied();
        },
      }),
    );
    expect(refused.status).toBe(403);
  });

  it('reports create or update from the existence check', async () => {
    const operation = async (name: string) => {
      let op: Operation = 'read';
      await dispatch(mount, request('update', `flags/${name}`), `flags/${name}`, {
        admit: async (a) => {
          op = await a.aclOperation();
          return a.request;
        },
      });
      return op;
    };
    expect(await operation('known')).toBe('update');
    expect(await operation('other')).toBe('create');
  });

  it('warns about undeclared keys, sorted, but not about path captures', async () => {
    const resp = await run('update', 'flags/a', { zeta: 1, alpha: 2, name: 'ignored' });
    expect(resp?.warnings).toEqual(['Endpoint ignored these unrecognized parameters: [alpha zeta]']);
  });

  it('refuses a handler that reads a declared field with another type’s accessor', async () => {
    const wrong = await failure(run('read', 'flags/a', { enabled: 'true' }));
    expect(wrong.status).toBe(500);
    expect(wrong.message).toContain('field "enabled" is declared bool but read as string');
  });

  it('answers the help operation from the declaration, behind the help gate', async () => {
    const resp = await run('help', 'flags/a');
    const help = String(resp?.data?.help);
    expect(help).toContain('Matching Route: ^flags/:name$');
    expect(help).toContain('Sets and reads named flags.');
    expect(help).toContain('enabled (bool)');
    expect(help).toContain('Whether the flag is on.');
    const root = await run('help', '');
    expect(String(root?.data?.help)).toContain('^plain$');
    const gated = await failure(
      dispatch(mount, request('help', 'flags/a'), 'flags/a', {
        help: async () => {
          throw permissionDenied();
        },
      }),
    );
    expect(gated.status).toBe(403);
  });
});
