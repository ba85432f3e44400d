import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Tests see neither the developer's Vault/hvr settings (VAULT_FORMAT=json, VAULT_ADDR, HVR_HOME…)
// nor their home: whatever reads ~/.vault-token or ~/.hvr in-process gets an empty folder.
for (const name of Object.keys(process.env)) {
  if (name.startsWith('VAULT_') || name.startsWith('HVR_')) delete process.env[name];
}
const home = mkdtempSync(join(tmpdir(), 'hvr-test-home-'));
process.env.HOME = home;
process.once('exit', () => rmSync(home, { recursive: true, force: true }));
