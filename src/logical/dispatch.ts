import { badRequest, multiError, unsupportedOperation, unsupportedPath } from './errors.js';
import { Fields } from './fields.js';
import { helpResponse } from './help.js';
import { type CompiledPath, matchPath } from './path-match.js';
import type { Backend, BackendContext, PathSpec } from './path-spec.js';
import type { Operation, Request, Response } from './request.js';

/** A backend as it is mounted: where, its compiled path table and its context. */
export interface MountedBackend {
  /** Mount path with its trailing slash, e.g. `secret/`, `auth/token/`. */
  readonly prefix: string;
  readonly backend: Backend;
  readonly compiled: readonly CompiledPath[];
  readonly ctx: BackendContext;
}

/** A matched request, as the caller's hooks see it before the handler runs. */
export interface Admission {
  readonly spec: PathSpec;
  readonly fields: Fields;
  /** The request the backend sees: its path relative to the mount. */
  readonly request: Request;
  /**
   * The operation an ACL checks: a write is `create` or `update` by the path's existence
   * check (Vault's HandleExistenceCheck); any other operation is itself.
   */
  aclOperation(): Promise<Operation>;
}

/** What the caller of dispatch adds around it (the core: seal, auth, audit, replication). */
export interface DispatchHooks {
  /** Vault's version, shown in the help operation's OpenAPI document. */
  readonly version?: string;
  /** Sees the matched path (null: none matched) before anything runs; throws to refuse. */
  matched?(spec: PathSpec | null): void;
  /** Gate of the help operation (Vault's handleHelp: any valid token). */
  help?(): Promise<void>;
  /** Authenticates and authorises; returns the request the handler sees (with its caller). */
  admit?(admission: Admission): Promise<Request>;
  /** Runs the handler (and the unknown-field warning); the core wraps it. */
  run?(call: () => Promise<Response | null>, admission: Admission): Promise<Response | null>;
}

/**
 * The one dispatch of a request to a backend's path table (Vault's framework.Backend
 * HandleRequest and HandleExistenceCheck): match in the mount, the help operation, operation
 * lookup with create → update fallback, the existence check, field validation by the
 * declared types and the unknown-field warning. `req.path` is the full logical path;
 * `relativePath` the part under the mount.
 */
export async function dispatch(
  mount: MountedBackend,
  req: Request,
  relativePath: string,
  hooks: DispatchHooks = {},
): Promise<Response | null> {
  const match = matchPath(mount.compiled, relativePath);
  hooks.matched?.(match?.spec ?? null);
  if (!match) {
    if (req.operation !== 'help') throw unsupportedPath(req.path);
    await hooks.help?.();
    return helpResponse(req.path, mount, null, hooks.version ?? '');
  }
  const spec = match.spec;
  if (req.operation === 'help') {
    await hooks.help?.();
    return helpResponse(req.path, mount, spec, hooks.version ?? '');
  }
  const handler = spec.ops[req.operation] ?? (req.operation === 'create' ? spec.ops.update : undefined);
  if (!handler) throw unsupportedOperation();

  const fields = new Fields({ ...req.data, ...match.params }, spec.fields ?? {});
  const backendReq: Request = { ...req, path: relativePath };
  const admission: Admission = {
    spec,
    fields,
    request: backendReq,
    aclOperation: async () => {
      if (req.operation !== 'update' || !spec.exists) return req.operation;
      // The core reports an existence check's error through its multierror (CheckToken).
      const invalid = fields.validate();
      if (invalid) throw badRequest(multiError([invalid]));
      return (await spec.exists(backendReq, fields, mount.ctx)) ? 'update' : 'create';
    },
  };
  const request = hooks.admit ? await hooks.admit(admission) : backendReq;
  const call = async (): Promise<Response | null> => {
    const invalid = fields.validate();
    if (invalid) throw badRequest(`Field validation failed: ${invalid}`);
    const resp = await handler(request, fields, mount.ctx);
    const warning = resp && !resp.raw ? unknownFieldWarning(spec, fields) : undefined;
    return resp && warning ? { ...resp, warnings: [...(resp.warnings ?? []), warning] } : resp;
  };
  return hooks.run ? hooks.run(call, { ...admission, request }) : call();
}

/** sdk/framework/backend.go HandleRequest: keys no field declares are ignored, with a warning. */
function unknownFieldWarning(spec: PathSpec, fields: Fields): string | undefined {
  if (spec.openFields || !spec.fields) return undefined;
  // HandleRequest sorts the ignored keys before `%v` prints them.
  const unknown = fields
    .unknownKeys()
    .filter((k) => !spec.pattern.includes(`:${k}`) && !spec.pattern.includes(`*${k}`))
    .sort();
  if (unknown.length === 0) return undefined;
  return `Endpoint ignored these unrecognized parameters: [${unknown.join(' ')}]`;
}
