import { formatGoDuration, parseDurationSeconds } from '../gocompat/duration.js';

/** -wrap-ttl: a bare number is seconds; sent as Go's Duration.String() (`5m` → `5m0s`). */
export function formatWrapTTL(text: string): string {
  return formatGoDuration(parseDurationSeconds(/^\d+$/.test(text) ? `${text}s` : text));
}
