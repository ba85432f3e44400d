import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** `[file, specifier, typeOnly]` for every import of a file. */
const importsOf = (file: string): [string, string, boolean][] =>
  [...readFileSync(file, 'utf8').matchAll(/^import (type )?[^;]*?from '([^']+)';/gms)].map((m) => [
    file,
    m[2] ?? '',
    m[1] !== undefined,
  ]);

describe('replication layering', () => {
  test('src/core/ knows the engine only as a type and never imports a replication mode', () => {
    const offending = filesUnder('src/core')
      .flatMap(importsOf)
      .filter(
        ([, spec, typeOnly]) =>
          /replication\/(dr-mode|engine\/(?!engine\.js))/.test(spec) ||
          (/replication\/engine\/engine\.js$/.test(spec) && !typeOnly),
      );
    expect(offending).toEqual([]);
  });

  test('the engine does not import the DR mode it is given', () => {
    const offending = filesUnder('src/replication/engine')
      .flatMap(importsOf)
      .filter(([, spec]) => /dr-mode/.test(spec));
    expect(offending).toEqual([]);
  });

  test('no source file is over 500 lines, and no bench code lives under src/', () => {
    const files = filesUnder('src');
    const long = files.filter((f) => readFileSync(f, 'utf8').split('\n').length > 501);
    expect(long).toEqual([]);
    expect(files.filter((f) => /bench/.test(f))).toEqual([]);
  });
});
