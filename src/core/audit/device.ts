import type { AuditInput } from './input.js';

/**
 * An enabled audit device (Vault's audit.Backend). The broker hands every request and
 * response to each device; a device formats and hashes the entry with its own salt and
 * options, and rejects when the entry did not reach its sink.
 */
export interface AuditDevice {
  /** `file`, `socket`, `syslog`. */
  readonly type: string;
  /** The options it was enabled with, as given (sys/audit lists them). */
  readonly options: Readonly<Record<string, string>>;
  /** The per-device HMAC key; the core creates it and keeps it in the barrier. */
  readonly salt: string;
  logRequest(input: AuditInput): Promise<void>;
  logResponse(input: AuditInput): Promise<void>;
  /** `hmac-sha256:<hex>` of value with this device's salt (sys/audit-hash). */
  hash(value: string): string;
  /** Reopen the sink (SIGHUP, log rotation). Throws when it cannot. */
  reopen(): Promise<void>;
  close(): Promise<void>;
}
