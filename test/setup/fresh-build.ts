import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every `.ts` source under `dir` with the `.js` file tsc writes for it under `out`. */
function* outputsOf(dir: string, out: string): Generator<[string, string]> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* outputsOf(path, join(out, entry.name));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      yield [path, join(out, entry.name.replace(/\.ts$/, '.js'))];
  }
}

/** Sources whose compiled file in dist/ is missing or older than they are. */
function staleSources(): string[] {
  const stale: string[] = [];
  for (const [srcDir, outDir] of [
    ['src', 'dist'],
    ['ui/src', 'dist/ui'],
  ] as const) {
    for (const [source, output] of outputsOf(join(ROOT, srcDir), join(ROOT, outDir))) {
      if (!existsSync(output) || statSync(output).mtimeMs < statSync(source).mtimeMs)
        stale.push(relative(ROOT, source));
    }
  }
  return stale;
}

/**
 * Integration tests run `bin/hvr.js`, which runs `dist/`. A plain `vitest run` after an edit
 * would test the previous build: rebuild first (HVR_TEST_NO_REBUILD=1 fails instead).
 */
export default function freshBuild(): void {
  const stale = staleSources();
  if (stale.length === 0) return;
  const sample = `${stale.slice(0, 5).join(', ')}${stale.length > 5 ? `, and ${stale.length - 5} more` : ''}`;
  if (process.env.HVR_TEST_NO_REBUILD === '1') {
    throw new Error(
      `dist/ is older than src/ (${sample}): run \`npm run build\` before the integration tests`,
    );
  }
  process.stderr.write(`dist/ is older than src/ (${sample}): running npm run build\n`);
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const out = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `npm run build failed, so the integration tests would run an old dist/:\n${out.stdout?.toString() ?? ''}${out.stderr?.toString() ?? ''}`,
    );
  }
  const still = staleSources();
  if (still.length > 0)
    throw new Error(`dist/ is still older than src/ after npm run build: ${still.join(', ')}`);
}
