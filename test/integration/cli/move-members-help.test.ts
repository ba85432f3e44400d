import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CliResult, runCli } from '../../helpers/run-cli.js';
import { devServer, type ServerProcess } from '../../helpers/server-process.js';

/**
 * Issue 11: `secrets move` / `auth move` driven end to end against sys/remount and
 * sys/remount/status (V:command/secrets_move.go, auth_move.go), `operator members` over
 * sys/ha-status (V:command/operator_members.go), and Vault's help for unwrap, status and
 * server (V:command/unwrap.go, status.go, server.go Help()).
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('secrets/auth move, operator members and help texts', () => {
  let server: ServerProcess;
  let home: string;
  let dev: Record<string, string>;
  let embedded: Record<string, string>;
  const cli = (args: readonly string[], env: Record<string, string>): Promise<CliResult> =>
    runCli(args, { env });

  beforeAll(async () => {
    server = await devServer();
    home = await mkdtemp(join(tmpdir(), 'hvr-move-'));
    dev = { HOME: home, VAULT_ADDR: server.address, VAULT_TOKEN: server.rootToken() ?? '' };
    embedded = { HOME: home, HVR_HOME: join(home, 'hvr') };
  });
  afterAll(async () => {
    await server?.stop();
    await rm(home, { recursive: true, force: true });
  });

  for (const target of ['dev server', 'embedded'] as const) {
    test(`${target}: secrets move prints Started/Success with one migration id; the data moves`, async () => {
      const env = target === 'dev server' ? dev : embedded;
      expect((await cli(['secrets', 'enable', '-path=kv1', 'kv'], env)).code).toBe(0);
      expect((await cli(['write', 'kv1/foo', 'a=b'], env)).code).toBe(0);
      const moved = await cli(['secrets', 'move', 'kv1', 'kv3'], env);
      expect(moved.code).toBe(0);
      expect(moved.stdout).toMatch(
        new RegExp(
          `^Started moving secrets engine kv1/ to kv3/, with migration ID (${UUID})\\nSuccess! Finished moving secrets engine kv1/ to kv3/, with migration ID \\1\\n$`,
        ),
      );
      expect((await cli(['read', '-field=a', 'kv3/foo'], env)).stdout).toBe('b');
    });
  }

  test("auth move: Vault's messages for auth methods; the mount is at its new path; a bad source exits 2", async () => {
    expect((await cli(['auth', 'enable', '-path=up', 'userpass'], dev)).code).toBe(0);
    const moved = await cli(['auth', 'move', 'auth/up', 'auth/up2'], dev);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(
      new RegExp(
        `^Started moving auth method auth/up/ to auth/up2/, with migration ID (${UUID})\\nSuccess! Finished moving auth method auth/up/ to auth/up2/, with migration ID \\1\\n$`,
      ),
    );
    const list = await cli(['auth', 'list', '-format=json'], dev);
    expect(Object.keys(JSON.parse(list.stdout))).toEqual(expect.arrayContaining(['up2/']));
    expect(Object.keys(JSON.parse(list.stdout))).not.toContain('up/');

    const bad = await cli(['secrets', 'move', 'nope', 'kv9'], dev);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error moving secrets engine nope\/ to kv9\/: Error making API request\./);
  });

  test("operator members: one active node with Vault's columns, and api.HAStatusResponse in JSON", async () => {
    const table = await cli(['operator', 'members'], dev);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]?.split(/ {2,}/)).toEqual([
      'Host Name',
      'API Address',
      'Cluster Address',
      'Active Node',
      'Version',
      'Upgrade Version',
      'Redundancy Zone',
      'Last Echo',
    ]);
    expect(lines).toHaveLength(3);
    const row = lines[2]?.split(/ {2,}/) ?? [];
    expect(row.slice(0, 2)).toEqual([hostname(), server.address]);
    expect(row[2]).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(row.slice(3)).toEqual(['true', expect.stringMatching(/^1\.18\.\d/), 'n/a', 'n/a', 'n/a']);

    const json = JSON.parse((await cli(['operator', 'members', '-format=json'], embedded)).stdout);
    expect(Object.keys(json)).toEqual(['Nodes']);
    expect(Object.keys(json.Nodes[0])).toEqual([
      'hostname',
      'api_address',
      'cluster_address',
      'active_node',
      'last_echo',
      'echo_duration_ms',
      'clock_skew_ms',
      'version',
      'replication_primary_canary_age_ms',
    ]);
    expect(json.Nodes[0]).toMatchObject({ active_node: true, last_echo: null });
  });

  test("help: unwrap and status carry Vault's description; server groups Command and Dev Options", async () => {
    // Vault prints help on stderr (mitchellh/cli), exit 0.
    const helpOf = async (cmd: string) => {
      const r = await cli([cmd, '-h'], dev);
      expect(r.code).toBe(0);
      return r.stderr;
    };
    const unwrap = await helpOf('unwrap');
    expect(unwrap).toContain(
      '  Unwraps a wrapped secret from Vault by the given token. The result is the\n  same as the "hvr read" operation',
    );
    expect(unwrap).toContain('      $ hvr unwrap # unwraps 848f9ccf...\n');
    expect(unwrap.indexOf('HTTP Options:')).toBeLessThan(unwrap.indexOf('Output Options:'));
    const status = await helpOf('status');
    expect(status).toContain(
      '  The exit code reflects the seal status:\n\n      - 0 - unsealed\n      - 1 - error\n      - 2 - sealed\n',
    );
    const help = await helpOf('server');
    expect(help).toContain('      $ hvr server -config=/etc/vault/config.hcl\n');
    const command = help.indexOf('Command Options:');
    const devOptions = help.indexOf('Dev Options:');
    expect(command).toBeGreaterThan(0);
    expect(devOptions).toBeGreaterThan(command);
    expect(help.indexOf('  -config=<string>')).toBeLessThan(devOptions);
    expect(help.indexOf('  -dev-root-token-id=<string>')).toBeGreaterThan(devOptions);
    expect(help).not.toContain('HTTP Options:');
  });
});
