import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium, installed by .ci/run; playwright-core never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

export interface Browser {
  readonly context: BrowserContext;
  /** Saves a screenshot of `page` as test-results/<dir>/<NN>-<name>.png. */
  shot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** One headless Chromium with a fresh profile, for one test file. */
export async function openBrowser(artifactDir: string): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'hvr-chromium-'));
  const shots = resolve(import.meta.dirname, '../../test-results', artifactDir);
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
  });
  let n = 0;
  return {
    context,
    async shot(page, name) {
      n += 1;
      const path = join(shots, `${String(n).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
