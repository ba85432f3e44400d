import type { Entry, PhysicalBackend } from '../../storage/physical.js';

/** Every entry under `prefix`, in key order, read one by one: the usual source for a rebuild. */
export async function* storedEntries(physical: PhysicalBackend, prefix = ''): AsyncGenerator<Entry> {
  for (const key of await physical.scan(prefix)) {
    const entry = await physical.get(key);
    if (entry !== null) yield entry;
  }
}
