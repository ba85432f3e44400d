import { describe, expect, test } from 'vitest';
import {
  FlagError,
  type FlagSpec,
  flagBool,
  flagList,
  flagMap,
  flagString,
  parseFlags,
  trailingFlagWarning,
} from '../../src/cli/flags.js';
import { commandHelp } from '../../src/cli/help.js';

const specs: FlagSpec[] = [
  { name: 'format', type: 'string', usage: '', env: 'VAULT_FORMAT', default: 'table' },
  { name: 'force', type: 'bool', usage: '', aliases: ['f'] },
  { name: 'policy', type: 'string-slice', usage: '' },
  { name: 'metadata', type: 'map', usage: '' },
  { name: 'address', type: 'string', usage: '', env: 'VAULT_ADDR' },
];

describe('Go flag semantics', () => {
  test.each([
    [['-format=json', 'a'], 'json'],
    [['--format=json', 'a'], 'json'],
    [['-format', 'yaml', 'a'], 'yaml'],
    [['--format', 'yaml', 'a'], 'yaml'],
  ])('%j sets the format', (args, expected) => {
    const parsed = parseFlags(specs, args, {});
    expect(flagString(parsed, 'format')).toBe(expected);
    expect(parsed.positionals).toEqual(['a']);
  });

  test('booleans: bare, =true, =false, and the -f alias', () => {
    expect(flagBool(parseFlags(specs, ['-force'], {}), 'force')).toBe(true);
    expect(flagBool(parseFlags(specs, ['-f'], {}), 'force')).toBe(true);
    expect(flagBool(parseFlags(specs, ['-force=false'], {}), 'force')).toBe(false);
    expect(() => parseFlags(specs, ['-force=maybe'], {})).toThrow(FlagError);
  });

  test('parsing stops at the first positional; later flags are positionals with a warning', () => {
    const parsed = parseFlags(specs, ['secret/foo', '-force', 'a=b', '-format=json', '-'], {});
    expect(parsed.positionals).toEqual(['secret/foo', '-force', 'a=b', '-format=json', '-']);
    expect(flagBool(parsed, 'force')).toBe(false);
    expect(trailingFlagWarning(parsed.positionals)).toBe(
      'Command flags must be provided before positional arguments. The following arguments will not be parsed as flags: [-force]',
    );
  });

  test('-- ends flags', () => {
    expect(parseFlags(specs, ['--', '-force'], {}).positionals).toEqual(['-force']);
  });

  test('unknown flags and missing values are Go’s errors', () => {
    expect(() => parseFlags(specs, ['-nope'], {})).toThrow('flag provided but not defined: -nope');
    expect(() => parseFlags(specs, ['-format'], {})).toThrow('flag needs an argument: -format');
  });

  test('env supplies defaults; flags override; slices repeat; maps need k=v', () => {
    const parsed = parseFlags(specs, ['-policy=a', '-policy', 'b', '-metadata=k=v', '-metadata', 'x=y'], {
      VAULT_FORMAT: 'json',
      VAULT_ADDR: 'http://h:1',
    });
    expect(flagString(parsed, 'format')).toBe('json');
    expect(flagString(parsed, 'address')).toBe('http://h:1');
    expect(flagList(parsed, 'policy')).toEqual(['a', 'b']);
    expect(flagMap(parsed, 'metadata')).toEqual({ k: 'v', x: 'y' });
    expect(parsed.given.has('format')).toBe(false);
    expect(() => parseFlags(specs, ['-metadata=nokey'], {})).toThrow('missing = in KV pair');
  });

  test('a uint flag refuses a sign (strconv.ParseUint), an int takes one; help names the Go type', () => {
    const numbers: FlagSpec[] = [
      { name: 'threshold', type: 'uint', usage: 'u' },
      { name: 'shares', type: 'int', usage: 'i' },
      { name: 'ttl', type: 'duration', usage: 'd' },
    ];
    expect(flagString(parseFlags(numbers, ['-threshold=3'], {}), 'threshold')).toBe('3');
    expect(() => parseFlags(numbers, ['-threshold=-1'], {})).toThrow(
      'invalid value "-1" for flag -threshold: parse error',
    );
    expect(flagString(parseFlags(numbers, ['-shares=-1'], {}), 'shares')).toBe('-1');
    const help = commandHelp({
      name: 'x',
      summary: '',
      usage: 'hvr x',
      help: '',
      flags: numbers,
      run: async () => 0,
    });
    expect(help).toContain('  -threshold=<uint>\n');
    expect(help).toContain('  -shares=<int>\n');
    expect(help).toContain('  -ttl=<duration>\n');
  });
});
