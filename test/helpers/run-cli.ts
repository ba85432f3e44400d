import { spawn } from 'node:child_process';
import { childEnv } from './child-env.js';
import { HVR_BIN } from './server-process.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `hvr` as a user would: a real process, its own environment (HVR_HOME and HOME
 * should point at temp dirs; nothing of the runner's VAULT_* or HVR_* leaks in), optional
 * stdin. No shell is involved.
 */
export function runCli(
  args: readonly string[],
  opts: { env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = childEnv({ NO_COLOR: '1', ...opts.env });
    const child = spawn(process.execPath, [HVR_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}
