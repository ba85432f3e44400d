import { HEADER, MEDIA_TYPE } from './headers.js';
import { withKnownBody } from './known-body.js';

/** A web Response carrying JSON text (or no body: 204 and friends) with Content-Type set. */
export function jsonResponse(status: number, json: string | null): globalThis.Response {
  const response = new Response(json, { status, headers: { [HEADER.contentType]: MEDIA_TYPE.json } });
  return json === null ? response : withKnownBody(response, json);
}

/** Vault's `respondError` body: `{"errors":[...]}`, `data` beside it when given. */
export function errorJson(messages: readonly string[], dataJson?: string): string {
  const errors = `"errors":${JSON.stringify(messages)}`;
  return dataJson === undefined ? `{${errors}}` : `{${errors},"data":${dataJson}}`;
}
