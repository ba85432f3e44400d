import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CliResult, runCli } from '../../helpers/run-cli.js';
import { devServer } from '../../helpers/server-process.js';

/** A node to drive `hvr kv` against: embedded (HVR_HOME) or a dev server (VAULT_ADDR). */
interface Target {
  readonly env: Record<string, string>;
  /** What `URL:` lines in errors start with. */
  readonly url: string;
  stop(): Promise<void>;
}

async function embeddedTarget(): Promise<Target> {
  const home = await mkdtemp(join(tmpdir(), 'hvr-kv-'));
  const env = { HVR_HOME: join(home, 'hvr'), HOME: home };
  // The first command creates the local cluster (and says so on stderr); later ones are quiet.
  expect((await runCli(['secrets', 'list'], { env })).code).toBe(0);
  return { env, url: 'embedded://default', stop: () => rm(home, { recursive: true, force: true }) };
}

async function devTarget(): Promise<Target> {
  const server = await devServer();
  const home = await mkdtemp(join(tmpdir(), 'hvr-kv-'));
  const env = { HOME: home, VAULT_ADDR: server.address, VAULT_TOKEN: server.rootToken() ?? '' };
  return {
    env,
    url: server.address,
    stop: async () => {
      await server.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Timestamps vary; the layout around them must not. */
const stable = (text: string): string => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'TIME');

const TARGETS = [
  ['embedded', embeddedTarget],
  ['dev server', devTarget],
] as const;

for (const [name, start] of TARGETS) {
  describe(`hvr kv, ${name}`, () => {
    let t: Target;
    const cli = (args: readonly string[], stdin?: string): Promise<CliResult> =>
      runCli(args, { env: t.env, ...(stdin === undefined ? {} : { stdin }) });

    beforeAll(async () => {
      t = await start();
      expect((await cli(['secrets', 'enable', '-path=kv1', 'kv'])).code).toBe(0);
    });
    afterAll(() => t?.stop());

    test('kv put on KV v2 prints the Secret Path and Metadata sections', async () => {
      const put = await cli(['kv', 'put', 'secret/creds', 'passcode=my-long-passcode']);
      expect(put.stderr).toBe('');
      expect(put.code).toBe(0);
      expect(stable(put.stdout)).toBe(
        [
          '== Secret Path ==',
          'secret/data/creds',
          '',
          '======= Metadata =======',
          'Key                Value',
          '---                -----',
          'created_time       TIME',
          'custom_metadata    <nil>',
          'deletion_time      n/a',
          'destroyed          false',
          'version            1',
          '',
        ].join('\n'),
      );
    });

    test('kv get prints Secret Path, Metadata and Data; -mount is the same secret', async () => {
      const expected = [
        '== Secret Path ==',
        'secret/data/creds',
        '',
        '======= Metadata =======',
        'Key                Value',
        '---                -----',
        'created_time       TIME',
        'custom_metadata    <nil>',
        'deletion_time      n/a',
        'destroyed          false',
        'version            1',
        '',
        '====== Data ======',
        'Key         Value',
        '---         -----',
        'passcode    my-long-passcode',
        '',
      ].join('\n');
      const get = await cli(['kv', 'get', 'secret/creds']);
      expect([get.code, get.stderr]).toEqual([0, '']);
      expect(stable(get.stdout)).toBe(expected);
      const mount = await cli(['kv', 'get', '-mount=secret', 'creds']);
      expect(stable(mount.stdout)).toBe(expected);
      const slash = await cli(['kv', 'get', '/secret/creds']);
      expect(stable(slash.stdout)).toBe(expected);
    });

    test('kv get -field reads inside data.data, without a newline when piped; missing fields exit 1', async () => {
      const field = await cli(['kv', 'get', '-field=passcode', 'secret/creds']);
      expect([field.code, field.stdout]).toEqual([0, 'my-long-passcode']);
      const missing = await cli(['kv', 'get', '-field=nope', 'secret/creds']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('Field "nope" not present in secret\n');
      const json = await cli(['kv', 'get', '-format=json', 'secret/creds']);
      expect(json.code).toBe(0);
      const doc = JSON.parse(json.stdout) as {
        data: { data: Record<string, string>; metadata: { version: number } };
      };
      expect(doc.data.data).toEqual({ passcode: 'my-long-passcode' });
      expect(doc.data.metadata.version).toBe(1);
    });

    test('kv get of nothing exits 2 with the full API path; argument counts exit 1', async () => {
      const none = await cli(['kv', 'get', 'secret/missing']);
      expect([none.code, none.stdout, none.stderr]).toEqual([
        2,
        '',
        'No value found at secret/data/missing\n',
      ]);
      const noArgs = await cli(['kv', 'get']);
      expect([noArgs.code, noArgs.stderr]).toEqual([1, 'Not enough arguments (expected 1, got 0)\n']);
      const tooMany = await cli(['kv', 'get', 'secret/a', 'secret/b']);
      expect([tooMany.code, tooMany.stderr]).toEqual([1, 'Too many arguments (expected 1, got 2)\n']);
      const badFlag = await cli(['kv', 'get', '-version=x', 'secret/creds']);
      expect(badFlag.code).toBe(1);
      expect(badFlag.stderr).toContain('-version');
    });

    test('kv put: usage errors exit 1, a failed check-and-set exits 2 with the API error', async () => {
      const none = await cli(['kv', 'put']);
      expect([none.code, none.stderr]).toEqual([1, 'Not enough arguments (expected >1, got 0)\n']);
      const noData = await cli(['kv', 'put', 'secret/creds']);
      expect([noData.code, noData.stderr]).toEqual([1, 'Must supply data\n']);
      const badPair = await cli(['kv', 'put', 'secret/creds', 'oops']);
      expect(badPair.code).toBe(1);
      expect(badPair.stderr).toBe(
        'Failed to parse K=V data: invalid key/value pair "oops": format must be key=value\n',
      );
      const cas = await cli(['kv', 'put', '-cas=0', 'secret/creds', 'a=b']);
      expect(cas.code).toBe(2);
      expect(cas.stderr).toBe(
        [
          'Error writing data to secret/data/creds: Error making API request.',
          '',
          `URL: PUT ${t.url}/v1/secret/data/creds`,
          'Code: 400. Errors:',
          '',
          '* check-and-set parameter did not match the current version',
          '',
        ].join('\n'),
      );
    });

    test('kv put reads stdin, takes -cas and -mount, and prints only the secret in JSON', async () => {
      const put = await cli(
        ['kv', 'put', '-mount=secret', '-cas=0', 'stdin', '-'],
        '{"user":"admin","port":5432}',
      );
      expect(put.code).toBe(0);
      expect(put.stdout).toContain('secret/data/stdin\n');
      const json = await cli(['kv', 'put', '-format=json', '-cas=1', 'secret/stdin', 'user=root']);
      expect(json.code).toBe(0);
      expect((JSON.parse(json.stdout) as { data: { version: number } }).data.version).toBe(2);
      const field = await cli(['kv', 'put', '-field=version', 'secret/stdin', 'user=x']);
      expect([field.code, field.stdout]).toEqual([0, '3']);
      const old = await cli(['kv', 'get', '-version=1', '-field=port', 'secret/stdin']);
      expect(old.stdout).toBe('5432');
    });

    test('kv patch merges by PATCH or by read-then-write, and removes keys', async () => {
      await cli(['kv', 'put', 'secret/patchme', 'a=1', 'b=2']);
      const patch = await cli(['kv', 'patch', 'secret/patchme', 'c=3']);
      expect(patch.code).toBe(0);
      expect(stable(patch.stdout)).toContain(
        '=== Secret Path ===\nsecret/data/patchme\n\n======= Metadata =======',
      );
      expect(patch.stdout).toMatch(/version {12}2\n$/);
      const rw = await cli(['kv', 'patch', '-method=rw', 'secret/patchme', 'd=4']);
      expect([rw.code, rw.stderr]).toEqual([0, '']);
      const removed = await cli(['kv', 'patch', '-method=patch', '-remove-data=a', 'secret/patchme']);
      expect([removed.code, removed.stderr]).toEqual([0, '']);
      const json = await cli(['kv', 'get', '-format=json', 'secret/patchme']);
      expect((JSON.parse(json.stdout) as { data: { data: unknown } }).data.data).toEqual({
        b: '2',
        c: '3',
        d: '4',
      });
      const cas = await cli(['kv', 'patch', '-cas=1', 'secret/patchme', 'e=5']);
      expect(cas.code).toBe(2);
      expect(cas.stderr).toContain('Error writing data to secret/data/patchme: Error making API request.');
    });

    test('kv patch refuses bad input: no data, unknown -method, a missing secret', async () => {
      const noData = await cli(['kv', 'patch', 'secret/patchme']);
      expect([noData.code, noData.stderr]).toEqual([1, 'Must supply data\n']);
      const method = await cli(['kv', 'patch', '-method=bogus', 'secret/patchme', 'a=1']);
      expect([method.code, method.stderr]).toEqual([
        2,
        'Unsupported method provided to -method flag: bogus\n',
      ]);
      const rwMissing = await cli(['kv', 'patch', '-method=rw', 'secret/nothing', 'a=1']);
      expect([rwMissing.code, rwMissing.stderr]).toEqual([2, 'No value found at secret/data/nothing\n']);
      const missing = await cli(['kv', 'patch', 'secret/nothing', 'a=1']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(
        `Error writing data to secret/data/nothing: Error making API request.\n\nURL: PATCH ${t.url}/v1/secret/data/nothing\nCode: 404.`,
      );
    });

    test('kv list lists metadata keys; nothing there exits 2', async () => {
      await cli(['kv', 'put', 'secret/team/one', 'x=1']);
      const list = await cli(['kv', 'list', 'secret']);
      expect([list.code, list.stderr]).toEqual([0, '']);
      expect(list.stdout).toBe('Keys\n----\ncreds\npatchme\nstdin\nteam/\n');
      const sub = await cli(['kv', 'list', '-mount=secret', 'team']);
      expect(sub.stdout).toBe('Keys\n----\none\n');
      const mountOnly = await cli(['kv', 'list', '-mount=secret']);
      expect(mountOnly.stdout).toBe(list.stdout);
      const json = await cli(['kv', 'list', '-format=json', 'secret/team']);
      expect(JSON.parse(json.stdout)).toEqual(['one']);
      const missing = await cli(['kv', 'list', 'secret/nope']);
      expect([missing.code, missing.stderr]).toEqual([2, 'No value found at secret/metadata/nope\n']);
      const missingJson = await cli(['kv', 'list', '-format=json', 'secret/nope']);
      expect([missingJson.code, missingJson.stdout]).toEqual([2, '{}\n']);
      const noArgs = await cli(['kv', 'list']);
      expect([noArgs.code, noArgs.stderr]).toEqual([1, 'Not enough arguments (expected 1, got 0)\n']);
    });

    test('kv delete, undelete and destroy print Vault’s lines and paths', async () => {
      await cli(['kv', 'put', 'secret/cycle', 'v=1']);
      await cli(['kv', 'put', 'secret/cycle', 'v=2']);
      const del = await cli(['kv', 'delete', 'secret/cycle']);
      expect([del.code, del.stdout]).toEqual([
        0,
        'Success! Data deleted (if it existed) at: secret/data/cycle\n',
      ]);
      const deleted = await cli(['kv', 'get', 'secret/cycle']);
      expect(deleted.code).toBe(0);
      expect(stable(deleted.stdout)).toMatch(
        /deletion_time {6}TIME\ndestroyed {10}false\nversion {12}2\n\n$/,
      );
      expect(deleted.stdout).not.toContain('Data');
      const undelete = await cli(['kv', 'undelete', '-versions=2', 'secret/cycle']);
      expect([undelete.code, undelete.stdout]).toEqual([
        0,
        'Success! Data written to: secret/undelete/cycle\n',
      ]);
      expect((await cli(['kv', 'get', '-field=v', 'secret/cycle'])).stdout).toBe('2');
      const byVersion = await cli(['kv', 'delete', '-mount=secret', '-versions=1', 'cycle']);
      expect(byVersion.stdout).toBe('Success! Data deleted (if it existed) at: secret/data/cycle\n');
      const destroy = await cli(['kv', 'destroy', '-mount=secret', '-versions=1,2', 'cycle']);
      expect([destroy.code, destroy.stdout]).toEqual([0, 'Success! Data written to: secret/destroy/cycle\n']);
      const gone = await cli(['kv', 'get', '-version=2', '-format=json', 'secret/cycle']);
      expect(
        (JSON.parse(gone.stdout) as { data: { metadata: { destroyed: boolean } } }).data.metadata.destroyed,
      ).toBe(true);
      const noVersions = await cli(['kv', 'undelete', 'secret/cycle']);
      expect([noVersions.code, noVersions.stderr]).toEqual([
        1,
        'No versions provided, use the "-versions" flag to specify the version to undelete.\n',
      ]);
      const noDestroy = await cli(['kv', 'destroy', 'secret/cycle']);
      expect(noDestroy.stderr).toBe(
        'No versions provided, use the "-versions" flag to specify the version to destroy.\n',
      );
    });

    test('kv metadata put, get and delete', async () => {
      await cli(['kv', 'put', 'secret/meta', 'k=v']);
      const put = await cli([
        'kv',
        'metadata',
        'put',
        '-max-versions=5',
        '-cas-required',
        '-delete-version-after=1h',
        '-custom-metadata=owner=ops',
        'secret/meta',
      ]);
      expect([put.code, put.stdout]).toEqual([0, 'Success! Data written to: secret/metadata/meta\n']);
      const get = await cli(['kv', 'metadata', 'get', 'secret/meta']);
      expect([get.code, get.stderr]).toEqual([0, '']);
      expect(stable(get.stdout)).toBe(
        [
          '=== Metadata Path ===',
          'secret/metadata/meta',
          '',
          '========== Metadata ==========',
          'Key                     Value',
          '---                     -----',
          'cas_required            true',
          'created_time            TIME',
          'current_version         1',
          'custom_metadata         map[owner:ops]',
          'delete_version_after    1h0m0s',
          'max_versions            5',
          'oldest_version          0',
          'updated_time            TIME',
          '',
          '====== Version 1 ======',
          'Key              Value',
          '---              -----',
          'created_time     TIME',
          'deletion_time    n/a',
          'destroyed        false',
          '',
        ].join('\n'),
      );
      const json = await cli(['kv', 'metadata', 'get', '-format=json', '-mount=secret', 'meta']);
      expect((JSON.parse(json.stdout) as { data: { max_versions: number } }).data.max_versions).toBe(5);
      const badDuration = await cli(['kv', 'metadata', 'put', '-delete-version-after=soon', 'secret/meta']);
      expect([badDuration.code, badDuration.stderr]).toEqual([
        1,
        'invalid value "soon" for flag -delete-version-after: time: invalid duration "soon"\n',
      ]);
      const del = await cli(['kv', 'metadata', 'delete', 'secret/meta']);
      expect([del.code, del.stdout]).toEqual([
        0,
        'Success! Data deleted (if it existed) at: secret/metadata/meta\n',
      ]);
      const none = await cli(['kv', 'metadata', 'get', 'secret/meta']);
      expect([none.code, none.stderr]).toEqual([2, 'No value found at secret/metadata/meta\n']);
    });

    test('kv metadata patch changes only what it names', async () => {
      await cli(['kv', 'put', 'secret/mpatch', 'k=v']);
      await cli([
        'kv',
        'metadata',
        'put',
        '-max-versions=3',
        '-custom-metadata=a=1',
        '-custom-metadata=b=2',
        'secret/mpatch',
      ]);
      await cli([
        'kv',
        'metadata',
        'patch',
        '-custom-metadata=c=3',
        '-remove-custom-metadata=a',
        'secret/mpatch',
      ]);
      const json = await cli(['kv', 'metadata', 'get', '-format=json', 'secret/mpatch']);
      const data = (JSON.parse(json.stdout) as { data: { max_versions: number; custom_metadata: unknown } })
        .data;
      expect(data.max_versions).toBe(3);
      expect(data.custom_metadata).toEqual({ b: '2', c: '3' });
    });

    test('kv metadata patch exits 0 with Vault’s success line', async () => {
      await cli(['kv', 'put', 'secret/mpatch2', 'k=v']);
      const patch = await cli(['kv', 'metadata', 'patch', '-max-versions=4', 'secret/mpatch2']);
      expect([patch.code, patch.stdout]).toEqual([0, 'Success! Data written to: secret/metadata/mpatch2\n']);
    });

    test('KV v1: plain paths, the data table alone, and v2-only commands refused', async () => {
      const put = await cli(['kv', 'put', 'kv1/app', 'user=admin']);
      expect([put.code, put.stdout]).toEqual([0, 'Success! Data written to: kv1/app\n']);
      const quiet = await cli(['kv', 'put', '-format=json', 'kv1/app', 'user=admin']);
      expect([quiet.code, quiet.stdout]).toEqual([0, '']);
      const get = await cli(['kv', 'get', '-mount=kv1', 'app']);
      expect([get.code, get.stdout]).toEqual([
        0,
        '==== Data ====\nKey     Value\n---     -----\nuser    admin\n',
      ]);
      expect((await cli(['kv', 'get', '-field=user', 'kv1/app'])).stdout).toBe('admin');
      expect((await cli(['kv', 'list', 'kv1'])).stdout).toBe('Keys\n----\napp\n');
      const patch = await cli(['kv', 'patch', 'kv1/app', 'a=1']);
      expect([patch.code, patch.stderr]).toEqual([
        2,
        'K/V engine mount must be version 2 for patch support\n',
      ]);
      const meta = await cli(['kv', 'metadata', 'get', 'kv1/app']);
      expect([meta.code, meta.stderr]).toEqual([1, 'Metadata not supported on KV Version 1\n']);
      const undelete = await cli(['kv', 'undelete', '-versions=1', 'kv1/app']);
      expect([undelete.code, undelete.stderr]).toEqual([1, 'Undelete not supported on KV Version 1\n']);
      const destroy = await cli(['kv', 'destroy', '-versions=1', 'kv1/app']);
      expect([destroy.code, destroy.stderr]).toEqual([1, 'Destroy not supported on KV Version 1\n']);
      const del = await cli(['kv', 'delete', 'kv1/app']);
      expect(del.stdout).toBe('Success! Data deleted (if it existed) at: kv1/app\n');
      const gone = await cli(['kv', 'get', 'kv1/app']);
      expect([gone.code, gone.stderr]).toEqual([2, 'No value found at kv1/app\n']);
    });
  });
}

describe('hvr kv, failures before any KV request', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-kv-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  test('an unreachable node: the preflight error alone, exit 2', async () => {
    const res = await runCli(['kv', 'get', 'secret/foo'], {
      env: { HOME: home, VAULT_ADDR: 'http://127.0.0.1:1' },
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      'Get "http://127.0.0.1:1/v1/sys/internal/ui/mounts/secret/foo": dial tcp 127.0.0.1:1: connect: connection refused\n',
    );
  });

  test('unknown flags exit 1 without a request', async () => {
    const res = await runCli(['kv', 'put', '-nope', 'secret/foo', 'a=b'], {
      env: { HOME: home, VAULT_ADDR: 'http://127.0.0.1:1' },
    });
    expect([res.code, res.stderr]).toEqual([1, 'flag provided but not defined: -nope\n']);
  });
});
