import { describe, expect, test } from 'vitest';
import { COMMAND_INDEX, indexedCommand } from '../../src/cli/command-index.js';
import { COMMANDS } from '../../src/cli/registry.js';

describe('the command index (commands that load without the registry)', () => {
  test('each entry loads the registry’s own spec, under the same name', async () => {
    for (const [name, load] of Object.entries(COMMAND_INDEX)) {
      const spec = await load();
      expect(spec.name).toBe(name);
      expect(COMMANDS).toContain(spec);
    }
  });

  test('the leading words pick the command; help, global flags first and other commands go to the registry', async () => {
    expect((await indexedCommand(['read', 'secret/x']))?.name).toBe('read');
    expect((await indexedCommand(['kv', 'get', '-field=a', 'secret/x']))?.name).toBe('kv get');
    expect((await indexedCommand(['kv', 'metadata', 'get', 'secret/x']))?.name).toBe('kv metadata get');
    expect(await indexedCommand(['kv', 'metadata', 'put', 'secret/x'])).toBeUndefined();
    expect(await indexedCommand(['kv', 'get', '-h'])).toBeUndefined();
    expect(await indexedCommand(['read', '--help'])).toBeUndefined();
    expect(await indexedCommand(['-address=http://127.0.0.1:1', 'read', 'x'])).toBeUndefined();
    expect(await indexedCommand(['kv'])).toBeUndefined();
    expect(await indexedCommand(['operator', 'init'])).toBeUndefined();
    expect(await indexedCommand([])).toBeUndefined();
  });
});
