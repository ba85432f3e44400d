import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

describe('hvr audit enable/list/disable, embedded', () => {
  let home: string;
  let env: Record<string, string>;
  const hvr = (args: string[]) => runCli(args, { env });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-cli-audit-'));
    env = { HVR_HOME: join(home, 'hvr'), HOME: home };
    expect((await hvr(['token', 'lookup'])).code).toBe(0);
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  test('with no devices, list says so and exits 2', async () => {
    const res = await hvr(['audit', 'list']);
    expect([res.code, res.stdout, res.stderr]).toEqual([2, 'No audit devices are enabled.\n', '']);
    const json = await hvr(['audit', 'list', '-format=json']);
    expect([json.code, json.stdout]).toEqual([0, '{}\n']);
  });

  test('enable prints Vault’s line and the device logs requests', async () => {
    const log = join(home, 'audit.log');
    const res = await hvr(['audit', 'enable', 'file', `file_path=${log}`]);
    expect([res.code, res.stdout, res.stderr]).toEqual([
      0,
      'Success! Enabled the file audit device at: file/\n',
      '',
    ]);
    expect((await hvr(['read', 'secret/config'])).code).toBe(0);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines.some((l) => l.includes('"path":"secret/config"'))).toBe(true);
    const second = await hvr([
      'audit',
      'enable',
      '-path=team/',
      '-description=Team log',
      '-local',
      'file',
      `file_path=${join(home, 'team.log')}`,
      'log_raw=true',
    ]);
    expect(second.stdout).toBe('Success! Enabled the file audit device at: team/\n');
  });

  test('list prints the Path/Type/Description table; -detailed adds replication and options', async () => {
    const res = await hvr(['audit', 'list']);
    expect([res.code, res.stdout]).toEqual([
      0,
      [
        'Path     Type    Description',
        '----     ----    -----------',
        'file/    file    n/a',
        'team/    file    Team log',
        '',
      ].join('\n'),
    ]);
    const detailed = await hvr(['audit', 'list', '-detailed']);
    const rows = detailed.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^Path {5}Type {4}Description {4}Replication {4}Options$/);
    expect(rows[2]).toBe(
      `file/    file    n/a            replicated     file_path=${join(home, 'audit.log')}`,
    );
    expect(rows[3]).toBe(
      `team/    file    Team log       local          file_path=${join(home, 'team.log')} log_raw=true`,
    );
  });

  test('list -format=json prints every device keyed by path', async () => {
    const res = await hvr(['audit', 'list', '-format=json']);
    const doc = JSON.parse(res.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['file/', 'team/']);
    expect(doc['team/']).toEqual({
      type: 'file',
      description: 'Team log',
      options: { file_path: join(home, 'team.log'), log_raw: 'true' },
      local: true,
      path: 'team/',
    });
    expect(res.stdout).toContain('{\n    "type": "file",\n    "description": "",\n');
  });

  test('disable prints Vault’s line, also for a path with no device', async () => {
    const res = await hvr(['audit', 'disable', 'team']);
    expect([res.code, res.stdout]).toEqual([
      0,
      'Success! Disabled audit device (if it was enabled) at: team/\n',
    ]);
    const again = await hvr(['audit', 'disable', '/team/']);
    expect([again.code, again.stdout]).toEqual([
      0,
      'Success! Disabled audit device (if it was enabled) at: team/\n',
    ]);
    expect((await hvr(['audit', 'list'])).stdout).not.toContain('team/');
  });

  test('bad input: no type, bad K=V, argument counts, unknown type', async () => {
    const noType = await hvr(['audit', 'enable']);
    expect([noType.code, noType.stderr]).toEqual([
      1,
      "Error enabling audit device: audit type missing. Valid types include 'file', 'socket' and 'syslog'.\n",
    ]);
    const kv = await hvr(['audit', 'enable', 'file', 'file_path']);
    expect([kv.code, kv.stderr]).toEqual([
      1,
      'Failed to parse K=V data: invalid key/value pair "file_path": format must be key=value\n',
    ]);
    const unknown = await hvr(['audit', 'enable', 'carrier-pigeon']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^Error enabling audit device: Error making API request\.\n\nURL: PUT embedded:\/\/default\/v1\/sys\/audit\/carrier-pigeon\nCode: 400\./,
    );
    expect(await hvr(['audit', 'disable'])).toMatchObject({
      code: 1,
      stderr: 'Not enough arguments (expected 1, got 0)\n',
    });
    expect(await hvr(['audit', 'disable', 'a', 'b'])).toMatchObject({
      code: 1,
      stderr: 'Too many arguments (expected 1, got 2)\n',
    });
    expect(await hvr(['audit', 'list', 'x'])).toMatchObject({
      code: 1,
      stderr: 'Too many arguments (expected 0, got 1)\n',
    });
  });
});
