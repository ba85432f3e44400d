import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtinBackends } from '../../../src/backends/catalog.js';
import { Core } from '../../../src/core/core.js';
import { KEYS } from '../../../src/core/storage-keys.js';
import { drReplication } from '../../../src/replication/dr-mode.js';
import { MemoryBackend } from '../../../src/storage/memory.js';
import type { Entry, TxnOps } from '../../../src/storage/physical.js';

const AUDIT_KEYS = new Set<string>([KEYS.audit, KEYS.localAudit]);

/** Memory storage that records how the two audit tables reach it: one put at a time, or together. */
class RecordingBackend extends MemoryBackend {
  readonly writes: string[][] = [];
  override async put(entry: Entry): Promise<void> {
    if (AUDIT_KEYS.has(entry.key)) this.writes.push([entry.key]);
    return super.put(entry);
  }
  override async transaction<T>(fn: (tx: TxnOps) => T): Promise<T> {
    const keys: string[] = [];
    const result = await super.transaction((tx) =>
      fn({
        ...tx,
        get: (key) => tx.get(key),
        list: (prefix) => tx.list(prefix),
        delete: (key) => tx.delete(key),
        put: (entry) => {
          if (AUDIT_KEYS.has(entry.key)) keys.push(entry.key);
          tx.put(entry);
        },
      }),
    );
    if (keys.length > 0) this.writes.push(keys.sort());
    return result;
  }
}

describe('the audit table', () => {
  const physical = new RecordingBackend();
  const core = new Core({ physical, backends: builtinBackends, replication: drReplication });
  beforeAll(async () => {
    const init = await core.initialize(1, 1);
    await core.submitUnsealShare(new Uint8Array(Buffer.from(init.keysBase64[0] ?? '', 'base64')));
  });
  afterAll(() => core.close());

  test('enable and disable write the replicated and the local table in one transaction', async () => {
    physical.writes.length = 0;
    const entry = { path: 'file/', type: 'file', description: '', options: { file_path: 'discard' } };
    await core.mounts.enableAudit({ ...entry, local: false });
    await core.mounts.enableAudit({ ...entry, path: 'local-file/', local: true });
    await core.mounts.disableAudit('file/');
    const both = [KEYS.localAudit, KEYS.audit].sort();
    expect(physical.writes).toEqual([both, both, both]);
    expect(core.mounts.listAudit().map((a) => a.path)).toEqual(['local-file/']);
  });
});
