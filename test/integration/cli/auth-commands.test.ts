import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CliResult, runCli } from '../../helpers/run-cli.js';
import { devServer } from '../../helpers/server-process.js';

/** A node to drive `hvr auth` against: embedded (HVR_HOME) or a dev server (VAULT_ADDR). */
interface Target {
  readonly env: Record<string, string>;
  readonly url: string;
  stop(): Promise<void>;
}

async function embeddedTarget(): Promise<Target> {
  const home = await mkdtemp(join(tmpdir(), 'hvr-auth-'));
  const env = { HVR_HOME: join(home, 'hvr'), HOME: home };
  expect((await runCli(['auth', 'list'], { env })).code).toBe(0);
  return { env, url: 'embedded://default', stop: () => rm(home, { recursive: true, force: true }) };
}

async function devTarget(): Promise<Target> {
  const server = await devServer();
  const home = await mkdtemp(join(tmpdir(), 'hvr-auth-'));
  return {
    env: { HOME: home, VAULT_ADDR: server.address, VAULT_TOKEN: server.rootToken() ?? '' },
    url: server.address,
    stop: async () => {
      await server.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

const TARGETS = [
  ['embedded', embeddedTarget],
  ['dev server', devTarget],
] as const;

for (const [name, start] of TARGETS) {
  describe(`hvr auth, ${name}`, () => {
    let t: Target;
    const cli = (args: readonly string[]): Promise<CliResult> => runCli(args, { env: t.env });

    beforeAll(async () => {
      t = await start();
    });
    afterAll(() => t?.stop());

    test('auth enable, list and disable print Vault’s lines and table', async () => {
      const enable = await cli(['auth', 'enable', 'userpass']);
      expect([enable.code, enable.stdout, enable.stderr]).toEqual([
        0,
        'Success! Enabled userpass auth method at: userpass/\n',
        '',
      ]);
      const people = await cli([
        'auth',
        'enable',
        '-path=people',
        '-description=People of the org',
        'userpass',
      ]);
      expect(people.stdout).toBe('Success! Enabled userpass auth method at: people/\n');

      const list = await cli(['auth', 'list']);
      expect([list.code, list.stderr]).toEqual([0, '']);
      const lines = list.stdout.split('\n');
      expect(lines.slice(0, 2)).toEqual([
        'Path         Type        Accessor             Description                Version',
        '----         ----        --------             -----------                -------',
      ]);
      expect(lines[2]).toMatch(/^people\/ {6}userpass {4}userpass_\w+ {4}People of the org {10}n\/a$/);
      expect(lines[3]).toMatch(/^token\/ {7}token {7}token_\w+ +token based credentials {4}n\/a$/);
      expect(lines[4]).toMatch(/^userpass\/ {4}userpass {4}userpass_\w+ {4}n\/a {24}n\/a$/);
      expect(lines.length).toBe(6);

      const json = await cli(['auth', 'list', '-format=json']);
      const mounts = JSON.parse(json.stdout) as Record<string, { type: string; description: string }>;
      expect(Object.keys(mounts)).toEqual(['people/', 'token/', 'userpass/']);
      expect(mounts['people/']).toMatchObject({ type: 'userpass', description: 'People of the org' });

      const disable = await cli(['auth', 'disable', 'people']);
      expect([disable.code, disable.stdout]).toEqual([
        0,
        'Success! Disabled the auth method (if it existed) at: people/\n',
      ]);
      const again = await cli(['auth', 'disable', 'people/']);
      expect([again.code, again.stdout]).toEqual([
        0,
        'Success! Disabled the auth method (if it existed) at: people/\n',
      ]);
      expect((await cli(['auth', 'list'])).stdout).not.toContain('people/');
    });

    test('auth tune sets TTLs that auth list -detailed shows', async () => {
      const tune = await cli(['auth', 'tune', '-default-lease-ttl=2h', '-max-lease-ttl=3h', 'userpass/']);
      expect([tune.code, tune.stdout, tune.stderr]).toEqual([
        0,
        'Success! Tuned the auth method at: userpass/\n',
        '',
      ]);
      const detailed = await cli(['auth', 'list', '-detailed']);
      expect(detailed.code).toBe(0);
      const lines = detailed.stdout.split('\n');
      expect(lines[0]?.split(/ {4,}/)).toEqual([
        'Path',
        'Plugin',
        'Accessor',
        'Default TTL',
        'Max TTL',
        'Token Type',
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
      const row = lines.find((l) => l.startsWith('userpass/ '))?.split(/ {4,}/) ?? [];
      expect(row.slice(0, 2)).toEqual(['userpass/', 'userpass']);
      expect(row.slice(3, 5)).toEqual(['7200', '10800']);
      expect(row[6]).toBe('replicated');
      const token = lines.find((l) => l.startsWith('token/ '))?.split(/ {4,}/) ?? [];
      expect(token.slice(3, 5)).toEqual(['system', 'system']);
    });

    test('bad input: argument counts and bad durations exit 1, API errors exit 2', async () => {
      const none = await cli(['auth', 'enable']);
      expect([none.code, none.stderr]).toEqual([1, 'Not enough arguments (expected 1, got 0)\n']);
      const extra = await cli(['auth', 'list', 'x']);
      expect([extra.code, extra.stderr]).toEqual([1, 'Too many arguments (expected 0, got 1)\n']);
      const disable = await cli(['auth', 'disable']);
      expect([disable.code, disable.stderr]).toEqual([1, 'Not enough arguments (expected 1, got 0)\n']);
      const ttl = await cli(['auth', 'enable', '-default-lease-ttl=1y', 'userpass']);
      expect([ttl.code, ttl.stderr]).toEqual([
        1,
        'invalid value "1y" for flag -default-lease-ttl: time: invalid duration "1y"\n',
      ]);

      const unknown = await cli(['auth', 'enable', 'no-such-method']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(
        new RegExp(
          `^Error enabling no-such-method auth: Error making API request\\.\\n\\nURL: POST ${t.url}/v1/sys/auth/no-such-method\\nCode: 400\\. Errors:\\n\\n\\* `,
        ),
      );
      const dup = await cli(['auth', 'enable', 'userpass']);
      expect(dup.code).toBe(2);
      expect(dup.stderr).toContain('Error enabling userpass auth: Error making API request.');
      expect(dup.stderr).toContain('path is already in use at userpass/');
      const tune = await cli(['auth', 'tune', '-max-lease-ttl=1h', 'nothing-here']);
      expect(tune.code).toBe(2);
      expect(tune.stderr).toContain('Error tuning auth method nothing-here/: Error making API request.');
    });
  });
}
