import { envelopeJson, wrappedEnvelopeJson } from '../core/envelope.js';
import { goJsonDocument, goJsonValue } from '../core/go-json.js';
import type { Request as CoreRequest, Response as CoreResponse } from '../core/request.js';
import { HEADER } from './headers.js';
import { errorJson, jsonResponse } from './json-response.js';

export interface RenderOptions {
  /** Copy `data` keys to the top level (`injectDataIntoTopRoutes`). */
  readonly injectData: boolean;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const emptyError = (status: number) => jsonResponse(status, goJsonDocument(errorJson([])));

/**
 * `RespondErrorCommon` on success: a read (or patch) with no response is 404; a list is 404
 * when there is nothing to show (no data, or empty `keys` — unless it is wrapped, or warnings or
 * other data explain it); `keys` that are not strings are 500. 0 means "render normally".
 */
function emptyResultStatus(req: CoreRequest, resp: CoreResponse | null): number {
  if (req.operation === 'read' || req.operation === 'patch') return resp === null ? 404 : 0;
  if (req.operation !== 'list' || resp?.wrapInfo !== undefined) return 0;
  if (resp === null) return 404;
  const data = resp.data ?? {};
  const hasWarnings = (resp.warnings?.length ?? 0) > 0;
  if (Object.keys(data).length === 0) return hasWarnings ? 0 : 404;
  const keys = data.keys;
  if (keys === undefined || keys === null) return 0;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) return 500;
  return keys.length === 0 ? 404 : 0;
}

/** Nothing to say at all: Vault answers 204 No Content. */
const isEmpty = (resp: CoreResponse): boolean =>
  Object.keys(resp.data ?? {}).length === 0 &&
  (resp.warnings?.length ?? 0) === 0 &&
  resp.wrapInfo === undefined &&
  resp.auth === undefined &&
  resp.lease === undefined &&
  resp.raw === undefined;

/** A raw response, written verbatim (`respondRaw`). */
function rawResponse(raw: NonNullable<CoreResponse['raw']>): globalThis.Response {
  const body = NULL_BODY_STATUSES.has(raw.status) ? null : raw.body;
  const headers: Record<string, string> = raw.contentType ? { [HEADER.contentType]: raw.contentType } : {};
  return new Response(body, { status: raw.status, headers });
}

/** `handleHelp`: the help data itself, no envelope. */
function helpResponse(resp: CoreResponse | null): globalThis.Response {
  const data = resp?.data;
  return data === undefined ? jsonResponse(204, null) : jsonResponse(200, goJsonDocument(goJsonValue(data)));
}

/** Renders the core's answer as Vault would (`request` + `respondLogical` + `respondOk`). */
export function toHttpResponse(
  req: CoreRequest,
  resp: CoreResponse | null,
  opts: RenderOptions,
): globalThis.Response {
  if (req.operation === 'help') return helpResponse(resp);
  const status = emptyResultStatus(req, resp);
  if (status !== 0) return emptyError(status);
  if (resp === null || isEmpty(resp)) return jsonResponse(204, null);
  if (resp.raw !== undefined) return rawResponse(resp.raw);
  const json =
    resp.wrapInfo !== undefined && resp.wrapInfo.token !== ''
      ? wrappedEnvelopeJson(resp.wrapInfo)
      : envelopeJson(resp, req.id, opts.injectData);
  return jsonResponse(200, goJsonDocument(json));
}
