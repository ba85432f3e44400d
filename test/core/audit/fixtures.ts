import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { AuditInput } from '../../../src/core/audit/input.js';
import type { Request, Response } from '../../../src/logical/request.js';

export const SALT = 'c0ffee00-1111-2222-3333-444455556666';
export const TOKEN = 'hvs.CAESIJ_secret_token';
export const ACCESSOR = 'Xq3accessor9';

/** A fresh directory removed when the test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvr-audit-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every line of an audit file, parsed. */
export function readLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function kvWrite(overrides: Partial<Request> = {}): Request {
  return {
    id: '3c4b9f7e-0000-4000-8000-000000000001',
    operation: 'update',
    path: 'secret/app/db',
    data: { password: 'hunter2', user: 'alice', port: 5432, tags: ['prod', 'eu'] },
    token: TOKEN,
    headers: {},
    remoteAddress: '127.0.0.1',
    ...overrides,
  };
}

export function kvInput(response: Response | null = null, request: Request = kvWrite()): AuditInput {
  return {
    request,
    auth: {
      clientToken: TOKEN,
      accessor: ACCESSOR,
      displayName: 'token',
      policies: ['root'],
      tokenPolicies: ['root'],
      metadata: null,
      entityId: '',
      tokenType: 'service',
      tokenTTL: 0,
      tokenIssueTime: new Date('2024-03-04T05:06:07Z'),
    },
    response,
    mountType: 'kv',
    mountAccessor: 'kv_1a2b3c4d',
    mountPoint: 'secret/',
  };
}
