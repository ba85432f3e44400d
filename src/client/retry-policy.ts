import { ConnectionError } from './errors.js';

/**
 * Vault's api.DefaultRetryPolicy (go-retryablehttp's policy plus 412) and its
 * RateLimitLinearJitterBackoff, with Vault's waits of 1000–1500 ms by default.
 */
export interface RetrySettings {
  /** Retries after the first attempt (VAULT_MAX_RETRIES); Vault's api default is 2. */
  readonly maxRetries: number;
  readonly minWaitMs: number;
  readonly maxWaitMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 2, minWaitMs: 1000, maxWaitMs: 1500 };

/** Retry connection failures (never TLS, timeout or configuration errors), 412, 429 and 5xx but 501. */
export function shouldRetry(outcome: { status: number } | { error: unknown }): boolean {
  if ('error' in outcome) return outcome.error instanceof ConnectionError;
  const { status } = outcome;
  return status === 0 || status === 412 || status === 429 || (status >= 500 && status !== 501);
}

/**
 * How long to wait before retry number `attempt` (0-based): a 429 or 503 with a numeric
 * Retry-After waits that many seconds; otherwise a random wait in [min, max) times attempt + 1.
 */
export function retryWaitMs(
  settings: RetrySettings,
  attempt: number,
  response?: { status: number; headers: Readonly<Record<string, string>> },
  random: () => number = Math.random,
): number {
  if (response && (response.status === 429 || response.status === 503)) {
    const after = response.headers['retry-after'];
    if (after !== undefined && /^\d+$/.test(after)) return Number(after) * 1000;
  }
  const { minWaitMs: min, maxWaitMs: max } = settings;
  const base = max <= min ? min : min + Math.floor(random() * (max - min));
  return base * (attempt + 1);
}
