import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const DIR = join(import.meta.dirname, '../../src/gocompat');

test('gocompat is the bottom layer: it imports nothing of ours outside itself', () => {
  const offenders: string[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(DIR, file), 'utf8');
    for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
      if (spec?.startsWith('.') && !spec.startsWith('./')) offenders.push(`${file}: ${spec}`);
    }
  }
  expect(offenders).toEqual([]);
});
