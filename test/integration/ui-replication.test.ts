import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../helpers/api.js';
import { type Browser, openBrowser } from '../helpers/browser.js';
import { drOperationToken } from '../helpers/replication.js';
import { type TelemetryNode, telemetryNode } from '../helpers/telemetry-node.js';

const TIMEOUT = 20_000;

/** Signs in with a token and walks Status → Replication. */
async function toReplication(page: Page, address: string, token: string): Promise<void> {
  await page.goto(`${address}/ui/`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign In' }).click();
  await page.getByRole('link', { name: 'Status' }).click();
  await page.getByRole('link', { name: 'Replication' }).click();
}

const drCard = (page: Page) => page.getByRole('region', { name: 'Disaster Recovery replication' });

describe('the replication UI in a real headless Chromium against two hvr servers', () => {
  let dir: string;
  let a: TelemetryNode;
  let b: TelemetryNode;
  let browser: Browser;
  let pa: Page;
  let pb: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-ui-'));
    [a, b, browser] = await Promise.all([
      telemetryNode(join(dir, 'a')),
      telemetryNode(join(dir, 'b')),
      openBrowser('ui-replication'),
    ]);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: a.address });
    pa = await browser.context.newPage();
    pb = await browser.context.newPage();
    for (const page of [pa, pb]) {
      page.setDefaultTimeout(TIMEOUT);
      // A CSP violation or a script error shows up on the console; none is allowed.
      page.on('console', (m) => {
        // API answers with 4xx are the UI's to show (and are shown); anything else is a problem.
        const apiError = m.text().startsWith('Failed to load resource') && m.location().url.includes('/v1/');
        if (m.type() === 'error' && !apiError) problems.push(`${m.text()} (${m.location().url})`);
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
    }
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    await browser.shot(pa, 'failed-a').catch(() => undefined);
    await browser.shot(pb, 'failed-b').catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([a?.server.stop(), b?.server.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  test('the seed’s DR flow by its labels: enable the primary, generate a token, enable the secondary', async () => {
    await pa.goto(`${a.address}/ui/`);
    await browser.shot(pa, 'sign-in');
    await toReplication(pa, a.address, a.token);
    expect(await pa.evaluate('sessionStorage.getItem("hvr.ui.token")')).toBe(a.token);
    expect(pa.url()).not.toContain(a.token);
    await pa.getByRole('button', { name: 'Enable Replication' }).click();
    await pa.getByLabel('Disaster Recovery').check();
    await pa.getByLabel('Primary', { exact: true }).check();
    await browser.shot(pa, 'primary-enable-form');
    await pa.getByRole('button', { name: 'Enable', exact: true }).click();
    await expect
      .poll(() => drCard(pa).getByText('primary', { exact: true }).count(), { timeout: TIMEOUT })
      .toBe(1);

    await pa.getByRole('button', { name: 'Add Secondary' }).click();
    // A server string comes back as text, never as markup (the error quotes the bad id).
    const markup = '<img src=x onerror=alert(1)>';
    await pa.getByLabel('Secondary ID').fill(markup);
    await pa.getByRole('button', { name: 'Generate Token' }).click();
    await pa.getByText(`invalid secondary id "${markup}"`).waitFor();
    expect(await pa.locator('main img').count()).toBe(0);
    await pa.getByLabel('Secondary ID').fill('dc2');
    await pa.getByRole('button', { name: 'Generate Token' }).click();
    const shown = pa.getByLabel('Activation token');
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token.length).toBeGreaterThan(20);
    await expect.poll(() => pa.getByText('it is shown only once and expires in 30m').count()).toBe(1);
    await pa.getByRole('button', { name: 'Copy token' }).click();
    await pa.getByText('Copied').waitFor();
    expect(await pa.evaluate('navigator.clipboard.readText()')).toBe(token);
    await browser.shot(pa, 'primary-secondary-token');
    await pa.getByRole('button', { name: 'Done' }).click();
    expect(await pa.getByLabel('Activation token').count()).toBe(0);

    await toReplication(pb, b.address, b.token);
    await pb.getByRole('button', { name: 'Enable Replication' }).click();
    await pb.getByLabel('Disaster Recovery').check();
    await pb.getByLabel('Secondary', { exact: true }).check();
    await pb.getByLabel('Secondary activation token').fill(token);
    await browser.shot(pb, 'secondary-enable-form');
    await pb.getByRole('button', { name: 'Enable', exact: true }).click();
    await drCard(pb).getByText('stream-wals').waitFor();
    await browser.shot(pb, 'secondary-stream-wals');

    const row = pa.getByRole('row').filter({ hasText: 'dc2' });
    await row.getByText('connected', { exact: true }).waitFor();
    await expect.poll(() => row.getByRole('cell').nth(4).textContent(), { timeout: TIMEOUT }).toBe('0');
    await browser.shot(pa, 'primary-dashboard');
    expect(problems).toEqual([]);
  });

  test('failover by the same labels: demote the primary, promote the secondary, update-primary', async () => {
    await api(a.address, 'sys/mounts/secret', { token: a.token, body: { type: 'kv' } });
    await api(a.address, 'secret/before-failover', { token: a.token, body: { v: '1' } });
    await api(a.address, 'sys/policies/acl/replication-admin', {
      token: a.token,
      body: { policy: 'path "sys/replication/*" { capabilities = ["read", "update", "sudo"] }' },
    });
    await api(a.address, 'sys/auth/userpass', { token: a.token, body: { type: 'userpass' } });
    await api(a.address, 'auth/userpass/users/ops', {
      token: a.token,
      body: { password: 'ops-password', token_policies: 'replication-admin' },
    });

    await pa.getByRole('button', { name: 'Demote' }).click();
    await pa.getByText('stops accepting writes').waitFor();
    await browser.shot(pa, 'demote-warning');
    await pa.getByRole('button', { name: 'Confirm Demote' }).click();
    await pa.getByText('Demote: done.').waitFor();
    await drCard(pa).getByText('secondary', { exact: true }).waitFor();

    const opB = await drOperationToken(b, [a.key]);
    await pb.getByRole('button', { name: 'Promote' }).click();
    await pb.getByLabel('DR operation token').fill(opB);
    await browser.shot(pb, 'promote-form');
    await pb.getByRole('button', { name: 'Confirm Promote' }).click();
    await pb.getByText('Promote: done.').waitFor();
    await drCard(pb).getByText('primary', { exact: true }).waitFor();

    // b now holds a's data: a's userpass user signs in there.
    await pb.getByRole('button', { name: 'Sign Out' }).click();
    await pb.getByLabel('Method').selectOption('userpass');
    await pb.getByLabel('Username').fill('ops');
    await pb.getByLabel('Password').fill('ops-password');
    await pb.getByRole('button', { name: 'Sign In' }).click();
    await pb.getByRole('link', { name: 'Status' }).click();
    await pb.getByRole('link', { name: 'Replication' }).click();
    await pb.getByRole('button', { name: 'Add Secondary' }).click();
    await pb.getByLabel('Secondary ID').fill('dc1');
    await pb.getByRole('button', { name: 'Generate Token' }).click();
    const token = await pb.getByLabel('Activation token').inputValue();

    const opA = await drOperationToken(a, [a.key]);
    await pa.getByRole('button', { name: 'Update Primary' }).click();
    await pa.getByLabel('DR operation token').fill(opA);
    await pa.getByLabel('Secondary activation token').fill(token);
    await pa.getByRole('button', { name: 'Confirm Update Primary' }).click();
    await pa.getByText('Update Primary: done.').waitFor();
    await drCard(pa).getByText('stream-wals').waitFor();
    await browser.shot(pa, 'old-primary-follows-new');
    await pb.getByRole('row').filter({ hasText: 'dc1' }).getByText('connected', { exact: true }).waitFor();
    await browser.shot(pb, 'new-primary-dashboard');
    const read = await api(b.address, 'secret/before-failover', { token: a.token });
    expect(read.json?.data).toEqual({ v: '1' });
    expect(problems).toEqual([]);
  });
});
