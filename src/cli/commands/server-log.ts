import diagnostics from 'node:diagnostics_channel';
import { REPLICATION_ERROR_CHANNEL } from '../../replication/engine/core-host.js';
import type { Streams } from '../output/streams.js';
import { writeErr } from '../output/streams.js';

/** An error and its causes, `outer: inner`; messages only (no stacks, no request data). */
function causeText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(
        typeof code === 'string' && !code.startsWith('HVR_') && !current.message.includes(code)
          ? `${current.message} (${code})`
          : current.message,
      );
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.filter((p) => p !== '').join(': ');
}

interface ServerErrorEvent {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly error: unknown;
}

/**
 * The server log's error lines, in Vault's hclog shape: every request answered with a 5xx
 * (request id, method, path, cause) and every failure the listener answered itself.
 * Returns the unsubscribe function.
 */
export function subscribeServerLog(streams: Streams): () => void {
  const line = (message: string) => writeErr(streams, `${new Date().toISOString()} [ERROR] ${message}\n`);
  const onRequest = (message: unknown) => {
    const e = message as ServerErrorEvent;
    line(
      `core: request failed: request_id=${e.requestId} method=${e.method} path=${JSON.stringify(e.path)} status=${e.status} error=${JSON.stringify(causeText(e.error))}`,
    );
  };
  const onListener = (message: unknown) => {
    const e = message as { status: number; error: unknown };
    line(`http: listener answered ${e.status}: error=${JSON.stringify(causeText(e.error))}`);
  };
  const onReplication = (message: unknown) => {
    const e = message as { event: string; error: unknown };
    line(`replication: ${e.event}: error=${JSON.stringify(causeText(e.error))}`);
  };
  diagnostics.subscribe('hvr:server-error', onRequest);
  diagnostics.subscribe('hvr:listener-error', onListener);
  diagnostics.subscribe(REPLICATION_ERROR_CHANNEL, onReplication);
  return () => {
    diagnostics.unsubscribe(REPLICATION_ERROR_CHANNEL, onReplication);
    diagnostics.unsubscribe('hvr:server-error', onRequest);
    diagnostics.unsubscribe('hvr:listener-error', onListener);
  };
}
