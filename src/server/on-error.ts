import diagnostics from 'node:diagnostics_channel';
import { isHvrError } from '../core/errors.js';
import { goJsonDocument, goJsonValue } from '../core/go-json.js';
import { HEADER } from './headers.js';
import { errorJson, jsonResponse } from './json-response.js';

/** Requests answered with a 5xx: `{ requestId, method, path, status, error }`, for the server log. */
export const serverErrors = diagnostics.channel('hvr:server-error');

/**
 * The one place a failure becomes a response. An HvrError is its `status` and
 * `{"errors":[message]}` (an empty message gives `{"errors":[]}`), with its `data` beside;
 * anything else is a bare 500 `{"errors":["internal error"]}`: no stack, no message leaks.
 */
export function onError(error: unknown): globalThis.Response {
  if (!isHvrError(error)) {
    return jsonResponse(500, goJsonDocument(errorJson(['internal error'])));
  }
  const messages = error.message === '' ? [] : [error.message];
  const data = error.data === undefined ? undefined : goJsonValue(error.data);
  const response = jsonResponse(error.status, goJsonDocument(errorJson(messages, data)));
  // Go's MaxBytesReader: the rest of an oversized body is never read, so the connection closes.
  if (error.code === 'HVR_BODY_TOO_LARGE') response.headers.set(HEADER.connection, 'close');
  return response;
}
