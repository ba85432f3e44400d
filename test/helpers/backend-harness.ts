import { randomUUID } from 'node:crypto';
import { unsupportedOperation, unsupportedPath } from '../../src/logical/errors.js';
import { Fields } from '../../src/logical/fields.js';
import { compilePaths, matchPath } from '../../src/logical/path-match.js';
import type { Backend, BackendContext } from '../../src/logical/path-spec.js';
import type { Operation, Request, Response } from '../../src/logical/request.js';
import { createView, type StorageView } from '../../src/logical/storage-view.js';
import { MemoryBackend } from '../../src/storage/memory.js';

export interface HarnessOptions {
  /** Seconds; what ctx.system.defaultLeaseTTL() answers (Vault's 768h by default). */
  readonly defaultLeaseTTL?: number;
  readonly options?: Readonly<Record<string, string>>;
  readonly token?: string;
}

export interface CallOptions {
  readonly token?: string | null;
}

export interface BackendHarness {
  readonly storage: StorageView;
  readonly ctx: BackendContext;
  /** Dispatches like the core: match, merge captures into Fields, create-vs-update, call the op. */
  call(
    op: Operation,
    path: string,
    data?: Record<string, unknown>,
    opts?: CallOptions,
  ): Promise<Response | null>;
  /** The operation the core would authorise a write as. */
  writeOperation(
    path: string,
    data?: Record<string, unknown>,
    opts?: CallOptions,
  ): Promise<'create' | 'update'>;
}

/** Drives a Backend's PathSpec table over a fresh in-memory storage view, as the core would. */
export function backendHarness(backend: Backend, opts: HarnessOptions = {}): BackendHarness {
  const storage = createView(new MemoryBackend(), 'logical/test/');
  const ctx: BackendContext = {
    storage,
    mount: {
      path: 'test/',
      type: backend.type,
      uuid: 'test',
      accessor: `${backend.type}_test`,
      local: false,
      options: opts.options ?? {},
      defaultLeaseTTL: 0,
      maxLeaseTTL: 0,
    },
    system: {
      defaultLeaseTTL: () => opts.defaultLeaseTTL ?? 2764800,
      maxLeaseTTL: () => 2764800,
    },
  };
  const compiled = compilePaths(backend.paths);

  const prepare = (op: Operation, path: string, data: Record<string, unknown>, callOpts: CallOptions) => {
    const match = matchPath(compiled, path);
    if (!match) throw unsupportedPath(path);
    const token = callOpts.token === null ? undefined : (callOpts.token ?? opts.token ?? 'test-token');
    const req: Request = { id: randomUUID(), operation: op, path, data, token, headers: {} };
    const fields = new Fields({ ...data, ...match.params }, match.spec.fields ?? {});
    return { spec: match.spec, req, fields };
  };

  return {
    storage,
    ctx,
    async call(op, path, data = {}, callOpts = {}) {
      const { spec, req, fields } = prepare(op, path, data, callOpts);
      const handler = spec.ops[op] ?? (op === 'create' ? spec.ops.update : undefined);
      if (!handler) throw unsupportedOperation();
      return handler(req, fields, ctx);
    },
    async writeOperation(path, data = {}, callOpts = {}) {
      const { spec, req, fields } = prepare('update', path, data, callOpts);
      if (!spec.exists) return 'update';
      return (await spec.exists(req, fields, ctx)) ? 'update' : 'create';
    },
  };
}

/** Awaits a rejection and returns it as an HvrError-like shape for status/message checks. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ status: number; message: string; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error && 'status' in error && 'code' in error) {
      return { status: Number(error.status), message: error.message, code: String(error.code) };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Parses the body of a raw (RespondWithStatusCode-style) response. */
export function rawEnvelope(resp: Response | null): { status: number; body: Record<string, unknown> | null } {
  if (!resp?.raw) throw new Error('expected a raw response');
  return {
    status: resp.raw.status,
    body: resp.raw.body === '' ? null : (JSON.parse(resp.raw.body) as Record<string, unknown>),
  };
}
