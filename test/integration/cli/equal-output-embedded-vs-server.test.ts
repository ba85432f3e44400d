import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CliResult, runCli } from '../../helpers/run-cli.js';
import { devServer, type ServerProcess } from '../../helpers/server-process.js';

/** One CLI call of the scenario; `code` is what both sides must exit with. */
interface Step {
  readonly args: readonly string[];
  readonly stdin?: string;
  readonly code: number;
}

const POLICY = 'path "secret/data/app" {\n  capabilities = ["read"]\n}\n';

/** The same scenario for both sides: KV v2 through the generic and kv commands, a policy, a token. */
const STEPS: readonly Step[] = [
  { args: ['kv', 'put', 'secret/app', 'password=s3cret', 'user=ann'], code: 0 },
  { args: ['write', 'secret/data/app', '-'], stdin: '{"options":{"cas":0},"data":{"a":"b"}}', code: 2 },
  { args: ['write', 'secret/data/other', '-'], stdin: '{"data":{"n":"1"}}', code: 0 },
  { args: ['kv', 'get', 'secret/app'], code: 0 },
  { args: ['kv', 'get', '-format=json', 'secret/app'], code: 0 },
  { args: ['kv', 'get', '-format=yaml', 'secret/app'], code: 0 },
  { args: ['kv', 'get', '-field=password', 'secret/app'], code: 0 },
  { args: ['read', 'secret/data/app'], code: 0 },
  { args: ['read', '-format=json', 'secret/data/app'], code: 0 },
  { args: ['read', '-format=yaml', 'secret/data/app'], code: 0 },
  { args: ['read', '-field=data', 'secret/data/app'], code: 0 },
  { args: ['read', '-field=nope', 'secret/data/app'], code: 1 },
  { args: ['kv', 'list', 'secret/'], code: 0 },
  { args: ['list', 'secret/metadata'], code: 0 },
  { args: ['list', '-format=json', 'secret/metadata'], code: 0 },
  { args: ['kv', 'delete', 'secret/app'], code: 0 },
  { args: ['delete', 'secret/data/other'], code: 0 },
  { args: ['read', 'secret/data/missing'], code: 2 },
  { args: ['kv', 'get', 'secret/missing'], code: 2 },
  { args: ['list', 'secret/metadata/nothing-here'], code: 2 },
  { args: ['policy', 'write', 'app-reader', '-'], stdin: POLICY, code: 0 },
  { args: ['policy', 'read', 'app-reader'], code: 0 },
  { args: ['policy', 'read', 'no-such-policy'], code: 2 },
  { args: ['token', 'create', '-format=json', '-policy=app-reader', '-ttl=1h'], code: 0 },
  { args: ['read', 'sys/no-such-path'], code: 2 },
];

/**
 * What legitimately differs between two clusters: ids, times, tokens and accessors, and the
 * address shown in errors (`embedded://default` vs `http://127.0.0.1:<port>`).
 */
function mask(text: string): string {
  return text
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/\bhv[sbr]\.[A-Za-z0-9_-]+/g, '<token>')
    .replace(/("accessor": |token_accessor +|accessor: )"?[A-Za-z0-9.]{24}"?/g, '$1<accessor>')
    .replace(/(embedded:\/\/[^/\s]+|https?:\/\/127\.0\.0\.1:\d+)/g, '<address>');
}

const masked = (r: CliResult) => ({ code: r.code, stdout: mask(r.stdout), stderr: mask(r.stderr) });

async function runScenario(env: Record<string, string>): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (const step of STEPS) {
    results.push(
      await runCli(step.args, { env, ...(step.stdin === undefined ? {} : { stdin: step.stdin }) }),
    );
  }
  return results;
}

describe('the CLI prints the same whether it embeds the node or talks to hvr server -dev', () => {
  let home: string;
  let server: ServerProcess;
  let embedded: CliResult[];
  let remote: CliResult[];

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-equal-'));
    const embeddedEnv = { HOME: join(home, 'embedded'), HVR_HOME: join(home, 'hvr') };
    // Create the local cluster first: its one-time notice is not part of the comparison.
    const created = await runCli(['status'], { env: embeddedEnv });
    expect(created.stderr).toContain('created local cluster');
    embedded = await runScenario(embeddedEnv);

    server = await devServer();
    const token = server.rootToken() ?? '';
    remote = await runScenario({
      HOME: join(home, 'remote'),
      HVR_HOME: join(home, 'unused'),
      VAULT_ADDR: server.address,
      VAULT_TOKEN: token,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(home, { recursive: true, force: true });
  });

  test.each(STEPS.map((step, i) => [i + 1, step.args.join(' '), step] as const))(
    'step %i: hvr %s',
    (i, _label, step) => {
      const e = embedded[i - 1] as CliResult;
      const r = remote[i - 1] as CliResult;
      expect(masked(e)).toEqual(masked(r));
      expect(e.code, `${e.stdout}${e.stderr}`).toBe(step.code);
    },
  );

  test('the masks leave the substance: values, policies and TTLs are compared as printed', () => {
    expect(embedded[6]?.stdout).toBe('s3cret');
    const token = JSON.parse(remote[23]?.stdout ?? '{}') as {
      auth?: { policies?: string[]; lease_duration?: number };
    };
    expect(token.auth?.policies).toEqual(['app-reader', 'default']);
    expect(token.auth?.lease_duration).toBe(3600);
    expect(mask(remote[1]?.stderr ?? '')).toContain('URL: PUT <address>/v1/secret/data/app\nCode: 400.');
  });
});
