import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDataArgs, stdinSource, toQuery } from '../../src/cli/kv-data.js';

describe('K=V data arguments', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-kv-'));
    await writeFile(join(dir, 'value.txt'), 'from a file\n');
    await writeFile(join(dir, 'body.json'), '{"a":"1","n":5,"nested":{"x":true}}');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const stdin = (text: string) => stdinSource(Readable.from([text]));
  const noStdin = stdinSource(undefined);

  test('splits on the first = and keeps values as strings', async () => {
    expect(await parseDataArgs(['a=b=c', 'n=5', 'empty='], noStdin)).toEqual({ a: 'b=c', n: '5', empty: '' });
  });

  test('no arguments is null (the body `null`)', async () => {
    expect(await parseDataArgs([], noStdin)).toBeNull();
  });

  test('@file values, \\@ escapes and bare @file.json merges', async () => {
    expect(await parseDataArgs([`v=@${join(dir, 'value.txt')}`, 'lit=\\@x'], noStdin)).toEqual({
      v: 'from a file\n',
      lit: '@x',
    });
    expect(await parseDataArgs([`@${join(dir, 'body.json')}`, 'b=2'], noStdin)).toEqual({
      a: '1',
      n: 5,
      nested: { x: true },
      b: '2',
    });
  });

  test('k=- and bare - read stdin, once', async () => {
    expect(await parseDataArgs(['secret=-'], stdin('s3cret\n'))).toEqual({ secret: 's3cret\n' });
    expect(await parseDataArgs(['-'], stdin('{"k":"v"}'))).toEqual({ k: 'v' });
    await expect(parseDataArgs(['a=-', 'b=-'], stdin('x'))).rejects.toThrow(
      'invalid key/value pair "b=-": stdin already consumed',
    );
  });

  test('repeated keys become a list', async () => {
    expect(await parseDataArgs(['a=1', 'a=2', 'a=3'], noStdin)).toEqual({ a: ['1', '2', '3'] });
  });

  test('errors name the argument', async () => {
    await expect(parseDataArgs(['novalue'], noStdin)).rejects.toThrow(
      'invalid key/value pair "novalue": format must be key=value',
    );
    await expect(parseDataArgs(['k=@/does/not/exist'], noStdin)).rejects.toThrow(
      'invalid key/value pair "k=@/does/not/exist": error reading file: open /does/not/exist: no such file or directory',
    );
  });

  test('read query parameters are string lists', () => {
    expect(toQuery({ version: '2', a: ['x', 'y'] })).toEqual({ version: ['2'], a: ['x', 'y'] });
  });
});
