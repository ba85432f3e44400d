import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

const POLICY = 'path "secret/data/app/*" {\n  capabilities = ["read", "list"]\n}\n';

describe('hvr policy write/read/list/delete, embedded', () => {
  let home: string;
  let env: Record<string, string>;
  const hvr = (args: string[], stdin?: string) =>
    runCli(args, { env, ...(stdin === undefined ? {} : { stdin }) });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-cli-policy-'));
    env = { HVR_HOME: join(home, 'hvr'), HOME: home };
    expect((await hvr(['policy', 'list'])).code).toBe(0);
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  test('write from a file and from stdin; read prints the raw text', async () => {
    const file = join(home, 'app.hcl');
    await writeFile(file, POLICY);
    const fromFile = await hvr(['policy', 'write', 'app', file]);
    expect([fromFile.code, fromFile.stdout, fromFile.stderr]).toEqual([
      0,
      'Success! Uploaded policy: app\n',
      '',
    ]);
    const fromStdin = await hvr(['policy', 'write', 'Ops', '-'], POLICY.replace('app', 'ops'));
    expect([fromStdin.code, fromStdin.stdout]).toEqual([0, 'Success! Uploaded policy: ops\n']);
    expect(fromStdin.stderr).toBe('Policy name was converted from "Ops" to "ops"\n');
    const read = await hvr(['policy', 'read', 'app']);
    expect([read.code, read.stdout]).toEqual([0, POLICY]);
    const json = await hvr(['policy', 'read', '-format=json', 'APP']);
    expect(JSON.parse(json.stdout)).toEqual({ policy: POLICY });
  });

  test('list prints one name a line; JSON and YAML print the array', async () => {
    const list = await hvr(['policy', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n').sort()).toEqual(['app', 'default', 'ops', 'root']);
    const json = await hvr(['policy', 'list', '-format=json']);
    expect((JSON.parse(json.stdout) as string[]).sort()).toEqual(['app', 'default', 'ops', 'root']);
    const yaml = await hvr(['policy', 'list', '-format=yaml']);
    expect(yaml.stdout).toMatch(/^- \w+\n(- \w+\n){3}$/);
    expect((await hvr(['policy', 'list', 'x'])).stderr).toBe('Too many arguments (expected 0, got 1)\n');
  });

  test('delete prints Vault’s line; a deleted policy is "No policy named" with exit 2', async () => {
    const del = await hvr(['policy', 'delete', 'ops']);
    expect([del.code, del.stdout]).toEqual([0, 'Success! Deleted policy: ops\n']);
    const gone = await hvr(['policy', 'read', 'ops']);
    expect([gone.code, gone.stdout, gone.stderr]).toEqual([2, '', 'No policy named: ops\n']);
    const root = await hvr(['policy', 'delete', 'root']);
    expect(root.code).toBe(2);
    expect(root.stderr).toMatch(
      /^Error deleting root: Error making API request\.\n\nURL: DELETE embedded:\/\/default\/v1\/sys\/policies\/acl\/root\nCode: 400\./,
    );
  });

  test('bad input: argument counts, missing file, invalid policy', async () => {
    const cases: [string[], number, string][] = [
      [['policy', 'write'], 1, 'Not enough arguments (expected 2, got 0)\n'],
      [['policy', 'write', 'a'], 1, 'Not enough arguments (expected 2, got 1)\n'],
      [['policy', 'write', 'a', 'b', 'c'], 1, 'Too many arguments (expected 2, got 3)\n'],
      [['policy', 'read'], 1, 'Not enough arguments (expected 1, got 0)\n'],
      [['policy', 'read', 'a', 'b'], 1, 'Too many arguments (expected 1, got 2)\n'],
      [['policy', 'delete'], 1, 'Not enough arguments (expected 1, got 0)\n'],
      [
        ['policy', 'write', 'x', join(home, 'missing.hcl')],
        2,
        `Error opening policy file: open ${join(home, 'missing.hcl')}: no such file or directory\n`,
      ],
    ];
    for (const [args, code, stderr] of cases) {
      const res = await hvr(args);
      expect([res.code, res.stderr], args.join(' ')).toEqual([code, stderr]);
    }
    const invalid = await hvr(['policy', 'write', 'bad', '-'], 'path "x" { capabilities = ["bogus"] }');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(
      /^Error uploading policy: Error making API request\.[\s\S]*Code: 400\. Errors:\n\n\* failed to parse policy/,
    );
  });
});

describe('hvr policy fmt (local, no node)', () => {
  let dir: string;
  const env = (): Record<string, string> => ({ HOME: dir, HVR_HOME: join(dir, 'hvr') });
  const fmt = async (
    text: string,
  ): Promise<{ code: number | null; out: string; stderr: string; stdout: string }> => {
    const file = join(dir, 'p.hcl');
    await writeFile(file, text);
    const res = await runCli(['policy', 'fmt', file], { env: env() });
    return { ...res, out: await readFile(file, 'utf8') };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-cli-fmt-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('rewrites the file in canonical HCL (Vault’s own example) without creating a cluster', async () => {
    const res = await fmt(
      'path "secret" {\n  capabilities  =           ["create",    "update","delete"]\n\n}',
    );
    expect([res.code, res.stdout, res.stderr]).toEqual([
      0,
      `Success! Formatted policy: ${join(dir, 'p.hcl')}\n`,
      '',
    ]);
    expect(res.out).toBe('path "secret" {\n  capabilities = ["create", "update", "delete"]\n}\n');
  });

  test('blocks a blank line apart, adjacent attributes aligned, nested blocks indented, comments kept', async () => {
    const source = [
      '# Apps read their secrets',
      'path "secret/data/app/*" { capabilities = ["read"]',
      'min_wrapping_ttl = "1s" # at least',
      '}',
      'path "sys/policies/acl/*" {',
      '        capabilities = ["create","read","update","delete","list"]',
      '    allowed_parameters = {',
      '  "name" = []',
      '  }',
      '}',
    ].join('\n');
    const res = await fmt(source);
    expect(res.code, res.stderr).toBe(0);
    expect(res.out).toBe(
      [
        '# Apps read their secrets',
        'path "secret/data/app/*" {',
        '  capabilities     = ["read"]',
        '  min_wrapping_ttl = "1s"     # at least',
        '}',
        '',
        'path "sys/policies/acl/*" {',
        '  capabilities = ["create", "read", "update", "delete", "list"]',
        '',
        '  allowed_parameters = {',
        '    "name" = []',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    // Formatting is stable.
    const again = await fmt(res.out);
    expect(again.out).toBe(res.out);
  });

  test('multi-line lists keep one item a line with trailing commas; heredocs are left alone', async () => {
    const res = await fmt(
      'path "a" {\n  capabilities = [\n"read",\n   "list"]\n  allowed_parameters = {\n    "k" = [<<EOT\nx\n  y\nEOT\n    ]\n  }\n}\n',
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.out).toBe(
      'path "a" {\n  capabilities = [\n    "read",\n    "list",\n  ]\n\n  allowed_parameters = {\n    "k" = [<<EOT\nx\n  y\nEOT\n    ]\n  }\n}\n',
    );
  });

  test('an invalid policy is refused with exit 1 and the file is left as it was', async () => {
    for (const bad of ['dafdaf', 'banana "foo" {}', 'path "secret/" { capabilities = ["bogus"] }']) {
      const res = await fmt(bad);
      expect(res.code, bad).toBe(1);
      expect(res.stderr, bad).toMatch(/^failed to parse policy: /);
      expect(res.out).toBe(bad);
    }
    const json = await fmt('{"path": {"a": {"capabilities": ["read"]}}}');
    expect([json.code, json.stderr]).toEqual([
      1,
      'Error printing result: At 1:1: expected: IDENT | STRING got: LBRACE\n',
    ]);
  });

  test('argument errors and a missing file exit 1', async () => {
    const none = await runCli(['policy', 'fmt'], { env: env() });
    expect([none.code, none.stderr]).toEqual([1, 'Not enough arguments (expected 1, got 0)\n']);
    const two = await runCli(['policy', 'fmt', 'a', 'b'], { env: env() });
    expect([two.code, two.stderr]).toEqual([1, 'Too many arguments (expected 1, got 2)\n']);
    const missing = await runCli(['policy', 'fmt', '~/nope.hcl'], { env: env() });
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `Error reading source file: open ${join(dir, 'nope.hcl')}: no such file or directory\n`,
    ]);
  });
});
