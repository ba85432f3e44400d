import { randomUUID } from 'node:crypto';
import { dispatch, type MountedBackend } from '../../src/logical/dispatch.js';
import { compilePaths } from '../../src/logical/path-match.js';
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
  /** The core's dispatch (logical/dispatch.ts) without the core's auth, audit and replication. */
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
  const mounted: MountedBackend = { prefix: 'test/', backend, compiled: compilePaths(backend.paths), ctx };
  const request = (op: Operation, path: string, data: Record<string, unknown>, callOpts: CallOptions) => {
    const token = callOpts.token === null ? undefined : (callOpts.token ?? opts.token ?? 'test-token');
    const req: Request = { id: randomUUID(), operation: op, path: `test/${path}`, data, token, headers: {} };
    return req;
  };

  return {
    storage,
    ctx,
    call: (op, path, data = {}, callOpts = {}) => dispatch(mounted, request(op, path, data, callOpts), path),
    async writeOperation(path, data = {}, callOpts = {}) {
      const seen: { operation: Operation } = { operation: 'update' };
      // The core authorises inside admit; here the admission only reports what it would check.
      await dispatch(mounted, request('update', path, data, callOpts), path, {
        admit: async (admission) => {
          seen.operation = await admission.aclOperation();
          throw new StopAfterAdmission();
        },
      }).catch((error: unknown) => {
        if (!(error instanceof StopAfterAdmission)) throw error;
      });
      return seen.operation === 'create' ? 'create' : 'update';
    },
  };
}

class StopAfterAdmission extends Error {}

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
