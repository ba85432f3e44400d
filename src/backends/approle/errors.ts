import { badRequest, HvrError, internalError, multiError } from '../../logical/errors.js';

/**
 * How Vault renders the three kinds of failure an AppRole handler returns:
 * `logical.ErrorResponse` (400, bare text), a plain Go error (500, multierror text), and
 * an error response paired with ErrUnsupportedPath (404).
 */
export const errorResponse = (message: string) => badRequest(message);
export const plainError = (message: string) => internalError(multiError([message]));
export const unsupportedPathError = (message = 'unsupported path') =>
  new HvrError('HVR_NOT_FOUND', 404, message === 'unsupported path' ? multiError([message]) : message);
export const roleMissing = (name: string) => plainError(`role ${JSON.stringify(name)} does not exist`);
