/**
 * Every error the core and backends throw is an HvrError: a stable code to branch on,
 * the HTTP status Vault would answer with, and Vault's own message. Only server/ and cli/
 * render them.
 */
export type HvrErrorCode =
  | 'HVR_BAD_REQUEST'
  | 'HVR_PERMISSION_DENIED'
  | 'HVR_INVALID_TOKEN'
  | 'HVR_NOT_FOUND'
  | 'HVR_UNSUPPORTED_PATH'
  | 'HVR_UNSUPPORTED_OPERATION'
  | 'HVR_SEALED'
  | 'HVR_NOT_INITIALIZED'
  | 'HVR_ALREADY_INITIALIZED'
  | 'HVR_INVALID_WRAPPING_TOKEN'
  | 'HVR_WRAPPING_TOKEN_VALIDATION'
  | 'HVR_BODY_TOO_LARGE'
  | 'HVR_UNSUPPORTED_MEDIA_TYPE'
  | 'HVR_CAS_MISMATCH'
  | 'HVR_AUDIT_FAILED'
  | 'HVR_DR_PATH_DISABLED'
  | 'HVR_NOT_CONSISTENT'
  | 'HVR_ZERO_RPO_TIMEOUT'
  | 'HVR_INVALID_CREDENTIALS'
  | 'HVR_INTERNAL';

export class HvrError extends Error {
  override readonly name = 'HvrError';
  constructor(
    readonly code: HvrErrorCode,
    readonly status: number,
    message: string,
    options?: ErrorOptions & { readonly data?: Record<string, unknown> },
  ) {
    super(message, options);
    this.data = options?.data;
  }
  /** Extra body returned beside `errors` (Vault's RespondErrorAndData). */
  readonly data: Record<string, unknown> | undefined;
}

export const isHvrError = (error: unknown): error is HvrError => error instanceof HvrError;

/** Vault's go-multierror rendering, used verbatim in several error bodies. */
export const multiError = (messages: readonly string[]): string =>
  `${messages.length} error${messages.length === 1 ? '' : 's'} occurred:\n${messages
    .map((m) => `\t* ${m}`)
    .join('\n')}\n\n`;

export const badRequest = (message: string, data?: Record<string, unknown>) =>
  new HvrError('HVR_BAD_REQUEST', 400, message, data ? { data } : undefined);
export const permissionDenied = () =>
  new HvrError('HVR_PERMISSION_DENIED', 403, multiError(['permission denied']));
export const invalidToken = () =>
  new HvrError('HVR_INVALID_TOKEN', 403, multiError(['permission denied', 'invalid token']));
export const notFound = (message = '') => new HvrError('HVR_NOT_FOUND', 404, message);
export const unsupportedPath = (path: string) =>
  new HvrError('HVR_UNSUPPORTED_PATH', 404, `${path}: unsupported path`);
export const noHandler = (path: string) =>
  new HvrError('HVR_UNSUPPORTED_PATH', 404, `no handler for route "${path}". route entry not found.`);
export const unsupportedOperation = () =>
  new HvrError('HVR_UNSUPPORTED_OPERATION', 405, 'unsupported operation');
export const sealed = () => new HvrError('HVR_SEALED', 503, 'Vault is sealed');
export const notInitialized = () => new HvrError('HVR_NOT_INITIALIZED', 400, 'Vault is not initialized');
export const invalidWrappingToken = () =>
  new HvrError('HVR_INVALID_WRAPPING_TOKEN', 400, 'wrapping token is not valid or does not exist');
export const internalError = (message: string, cause?: unknown) =>
  new HvrError('HVR_INTERNAL', 500, message, { cause });
export const drPathDisabled = () =>
  new HvrError('HVR_DR_PATH_DISABLED', 400, 'path disabled in replication DR secondary mode');
/** A login with wrong credentials (logical.ErrInvalidCredentials): counts toward user lockout. */
export const invalidCredentials = (message: string) => new HvrError('HVR_INVALID_CREDENTIALS', 400, message);
/** Login refusals are plain errors in Vault, not multierror-wrapped like CheckToken's. */
export const loginPermissionDenied = () => new HvrError('HVR_PERMISSION_DENIED', 403, 'permission denied');
