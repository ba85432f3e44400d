import { badRequest, HvrError } from '../../logical/errors.js';
import type { AuditDevice } from './device.js';
import type { AuditInput } from './input.js';

export type { AuditAuth, AuditInput } from './input.js';

/** Vault's audit table paths end in a slash: `file` and `file/` are the same device. */
const normalizePath = (path: string): string => (path.endsWith('/') ? path : `${path}/`);

/**
 * Vault's audit broker: hands every request and response to each enabled device. Auditing
 * succeeds when at least one device wrote the entry; when devices are enabled and none
 * could, the request fails: Vault answers 500 `internal error` and logs "no audit backend
 * succeeded in logging the request" (the cause here, with every device's error beneath it).
 */
export class AuditBroker {
  private readonly devices = new Map<string, AuditDevice>();

  register(path: string, device: AuditDevice): void {
    const key = normalizePath(path);
    if (this.devices.has(key)) throw badRequest(`path ${JSON.stringify(key)} already in use`);
    this.devices.set(key, device);
  }

  /** Removes and closes the device; false when nothing was registered there. */
  async deregister(path: string): Promise<boolean> {
    const key = normalizePath(path);
    const device = this.devices.get(key);
    if (!device) return false;
    this.devices.delete(key);
    await device.close();
    return true;
  }

  hasDevices(): boolean {
    return this.devices.size > 0;
  }

  isRegistered(path: string): boolean {
    return this.devices.has(normalizePath(path));
  }

  /** Registered paths (with their trailing slash), in registration order. */
  paths(): string[] {
    return [...this.devices.keys()];
  }

  /** sys/audit-hash/:path. */
  hash(path: string, input: string): string {
    const device = this.devices.get(normalizePath(path));
    if (!device) throw badRequest(`unknown audit backend ${JSON.stringify(normalizePath(path))}`);
    return device.hash(input);
  }

  async logRequest(input: AuditInput): Promise<void> {
    await this.fanOut('request', (device) => device.logRequest(input));
  }

  async logResponse(input: AuditInput): Promise<void> {
    await this.fanOut('response', (device) => device.logResponse(input));
  }

  /** SIGHUP: reopen every device; the errors of those that could not, together. */
  async reopen(): Promise<void> {
    const failures = await this.each((device) => device.reopen());
    if (failures.length > 0) throw new AggregateError(failures, 'unable to reopen audit devices');
  }

  /** Seal: close and forget every device (the core registers them again on unseal). */
  async closeAll(): Promise<void> {
    const devices = [...this.devices.values()];
    this.devices.clear();
    await Promise.allSettled(devices.map((device) => device.close()));
  }

  private async fanOut(kind: 'request' | 'response', log: (device: AuditDevice) => Promise<void>) {
    const total = this.devices.size;
    if (total === 0) return;
    const failures = await this.each(log);
    if (failures.length < total) return;
    const cause = new Error(`no audit backend succeeded in logging the ${kind}`, {
      cause: new AggregateError(failures),
    });
    throw new HvrError('HVR_AUDIT_FAILED', 500, 'internal error', { cause });
  }

  /** Runs fn on every device in order; returns each failure, labelled with its path. */
  private async each(fn: (device: AuditDevice) => Promise<void>): Promise<Error[]> {
    const failures: Error[] = [];
    for (const [path, device] of this.devices) {
      try {
        await fn(device);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(new Error(`audit device ${path}: ${message}`, { cause: error }));
      }
    }
    return failures;
  }
}
