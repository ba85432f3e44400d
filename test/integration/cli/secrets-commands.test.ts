import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CliResult, runCli } from '../../helpers/run-cli.js';
import { devServer } from '../../helpers/server-process.js';

/** A node to drive `hvr secrets` against: embedded (HVR_HOME) or a dev server (VAULT_ADDR). */
interface Target {
  readonly env: Record<string, string>;
  readonly url: string;
  stop(): Promise<void>;
}

async function embeddedTarget(): Promise<Target> {
  const home = await mkdtemp(join(tmpdir(), 'hvr-secrets-'));
  const env = { HVR_HOME: join(home, 'hvr'), HOME: home };
  expect((await runCli(['secrets', 'list'], { env })).code).toBe(0);
  return { env, url: 'embedded://default', stop: () => rm(home, { recursive: true, force: true }) };
}

async function devTarget(): Promise<Target> {
  const server = await devServer();
  const home = await mkdtemp(join(tmpdir(), 'hvr-secrets-'));
  return {
    env: { HOME: home, VAULT_ADDR: server.address, VAULT_TOKEN: server.rootToken() ?? '' },
    url: server.address,
    stop: async () => {
      await server.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Accessors and UUIDs are random; the columns around them must line up all the same. */
const stable = (text: string): string =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
    .replace(/\b([a-z]+)_[0-9a-f]{8}\b/g, '$1_ACCESSOR');

const TARGETS = [
  ['embedded', embeddedTarget],
  ['dev server', devTarget],
] as const;

for (const [name, start] of TARGETS) {
  describe(`hvr secrets, ${name}`, () => {
    let t: Target;
    const cli = (args: readonly string[]): Promise<CliResult> => runCli(args, { env: t.env });

    beforeAll(async () => {
      t = await start();
    });
    afterAll(() => t?.stop());

    test('secrets list prints Vault’s Path / Type / Accessor / Description table', async () => {
      const list = await cli(['secrets', 'list']);
      expect([list.code, list.stderr]).toEqual([0, '']);
      const lines = list.stdout.split('\n');
      expect(lines.slice(0, 2)).toEqual([
        'Path          Type         Accessor              Description',
        '----          ----         --------              -----------',
      ]);
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^cubbyhole\/ {4}cubbyhole {4}cubbyhole_\w+ {4}per-token private secret storage$/,
        ),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^secret\/ {7}kv {11}kv_\w+ +key\/value secret storage$/),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^sys\/ {10}system {7}system_\w+ +system endpoints used for control, policy and debugging$/,
        ),
      );
      expect(list.stdout.endsWith('debugging\n')).toBe(true);
    });

    test('secrets enable, tune and disable print Vault’s success lines', async () => {
      const enable = await cli([
        'secrets',
        'enable',
        '-path=team',
        '-description=Team secrets',
        '-version=2',
        'kv',
      ]);
      expect([enable.code, enable.stdout, enable.stderr]).toEqual([
        0,
        'Success! Enabled the kv secrets engine at: team/\n',
        '',
      ]);
      const plain = await cli(['secrets', 'enable', 'kv']);
      expect([plain.code, plain.stdout]).toEqual([0, 'Success! Enabled the kv secrets engine at: kv/\n']);
      const alias = await cli(['secrets', 'enable', '-path=other/', 'kv-v2']);
      expect(alias.stdout).toBe('Success! Enabled the kv-v2 secrets engine at: other/\n');
      const put = await cli(['kv', 'put', 'team/app', 'a=b']);
      expect([put.code, put.stderr]).toEqual([0, '']);
      expect(put.stdout).toContain('team/data/app');

      const tune = await cli([
        'secrets',
        'tune',
        '-default-lease-ttl=1h',
        '-max-lease-ttl=2h',
        '-description=Tuned',
        'team/',
      ]);
      expect([tune.code, tune.stdout]).toEqual([0, 'Success! Tuned the secrets engine at: team/\n']);
      const json = await cli(['secrets', 'list', '-format=json']);
      const mounts = JSON.parse(json.stdout) as Record<
        string,
        { description: string; options: unknown; config: Record<string, unknown> }
      >;
      expect(mounts['team/']?.description).toBe('Tuned');
      expect(mounts['team/']?.options).toEqual({ version: '2' });
      expect(mounts['team/']?.config).toEqual({
        default_lease_ttl: 3600,
        max_lease_ttl: 7200,
        force_no_cache: false,
      });
      expect(Object.keys(mounts['team/'] ?? {})).toEqual([
        'uuid',
        'type',
        'description',
        'accessor',
        'config',
        'options',
        'local',
        'seal_wrap',
        'external_entropy_access',
        'plugin_version',
        'running_plugin_version',
        'running_sha256',
        'deprecation_status',
      ]);

      const disable = await cli(['secrets', 'disable', 'kv']);
      expect([disable.code, disable.stdout]).toEqual([
        0,
        'Success! Disabled the secrets engine (if it existed) at: kv/\n',
      ]);
      const again = await cli(['secrets', 'disable', '/kv/']);
      expect([again.code, again.stdout]).toEqual([
        0,
        'Success! Disabled the secrets engine (if it existed) at: kv/\n',
      ]);
      expect((await cli(['secrets', 'list'])).stdout).not.toMatch(/^kv\//m);
    });

    test('secrets list -detailed adds TTLs, replication and options', async () => {
      await cli(['secrets', 'enable', '-path=local-kv', '-local', '-default-lease-ttl=30m', 'kv']);
      const detailed = await cli(['secrets', 'list', '-detailed']);
      expect([detailed.code, detailed.stderr]).toEqual([0, '']);
      const lines = stable(detailed.stdout).split('\n');
      expect(lines[0]?.split(/ {4,}/)).toEqual([
        'Path',
        'Plugin',
        'Accessor',
        'Default TTL',
        'Max TTL',
        'Force No Cache',
        'Replication',
        'Seal Wrap',
        'External Entropy Access',
        'Options',
        'Description',
        'UUID',
        'Version',
        'Running Version',
        'Running SHA256',
        'Deprecation Status',
      ]);
      const row = (path: string) => lines.find((l) => l.startsWith(`${path} `))?.split(/ {4,}/) ?? [];
      expect(row('local-kv/').slice(0, 11)).toEqual([
        'local-kv/',
        'kv',
        'kv_ACCESSOR',
        '1800',
        'system',
        'false',
        'local',
        'false',
        'false',
        'map[version:1]',
        'n/a',
      ]);
      expect(row('cubbyhole/').slice(3, 5)).toEqual(['n/a', 'n/a']);
      expect(row('secret/').slice(6, 10)).toEqual(['replicated', 'false', 'false', 'map[version:2]']);
    });

    test('bad input: argument counts and bad durations exit 1, API errors exit 2', async () => {
      const none = await cli(['secrets', 'enable']);
      expect([none.code, none.stderr]).toEqual([1, 'Not enough arguments (expected 1, got 0)\n']);
      const two = await cli(['secrets', 'disable', 'a', 'b']);
      expect([two.code, two.stderr]).toEqual([1, 'Too many arguments (expected 1, got 2)\n']);
      const extra = await cli(['secrets', 'list', 'x']);
      expect([extra.code, extra.stderr]).toEqual([1, 'Too many arguments (expected 0, got 1)\n']);
      const ttl = await cli(['secrets', 'tune', '-max-lease-ttl=forever', 'secret/']);
      expect([ttl.code, ttl.stderr]).toEqual([
        1,
        'invalid value "forever" for flag -max-lease-ttl: time: invalid duration "forever"\n',
      ]);
      const format = await cli(['secrets', 'enable', '-format=json', 'kv']);
      expect([format.code, format.stderr]).toEqual([1, 'flag provided but not defined: -format\n']);

      const dup = await cli(['secrets', 'enable', '-path=secret', 'kv']);
      expect(dup.code).toBe(2);
      expect(dup.stdout).toBe('');
      expect(dup.stderr).toBe(
        [
          'Error enabling: Error making API request.',
          '',
          `URL: POST ${t.url}/v1/sys/mounts/secret`,
          'Code: 400. Errors:',
          '',
          '* path is already in use at secret/',
          '',
        ].join('\n'),
      );
      const tune = await cli(['secrets', 'tune', '-default-lease-ttl=1h', 'nothing-here']);
      expect(tune.code).toBe(2);
      expect(tune.stderr).toMatch(
        new RegExp(
          `^Error tuning secrets engine nothing-here/: Error making API request\\.\\n\\nURL: POST ${t.url}/v1/sys/mounts/nothing-here/tune\\nCode: 400\\.`,
        ),
      );
    });
  });
}
