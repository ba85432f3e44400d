import { MemoryBackend } from '../../src/storage/memory.js';
import { runStorageSuite } from '../conformance/storage.js';

runStorageSuite('memory', async () => {
  const backend = new MemoryBackend();
  return { backend, cleanup: () => backend.close() };
});
