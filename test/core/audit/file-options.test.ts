import { describe, expect, test } from 'vitest';
import { parseFileOptions } from '../../../src/core/audit/file-options.js';
import { HvrError } from '../../../src/logical/errors.js';

const rejects = (options: Record<string, string>, message: string) => {
  let thrown: unknown;
  try {
    parseFileOptions(options);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(HvrError);
  expect(thrown).toMatchObject({ code: 'HVR_BAD_REQUEST', status: 400, message });
};

describe('file device options', () => {
  test("defaults follow Vault's file device", () => {
    expect(parseFileOptions({ file_path: '/var/log/vault_audit.log' })).toEqual({
      filePath: '/var/log/vault_audit.log',
      prefix: '',
      mode: 0o600,
      raw: false,
      hmacAccessor: true,
      elideListResponses: false,
    });
  });

  test('file_path is required (the old `path` option still works)', () => {
    rejects({}, 'file_path is required');
    rejects({ file_path: '  ' }, 'file_path is required');
    expect(parseFileOptions({ path: '/tmp/a.log' }).filePath).toBe('/tmp/a.log');
  });

  test('stdout and discard are keywords, in any case', () => {
    expect(parseFileOptions({ file_path: 'STDOUT' }).filePath).toBe('stdout');
    expect(parseFileOptions({ file_path: 'Discard' }).filePath).toBe('discard');
  });

  test("booleans parse as Go's strconv.ParseBool", () => {
    const o = parseFileOptions({
      file_path: 'x',
      log_raw: 'T',
      hmac_accessor: '0',
      elide_list_responses: 'True',
    });
    expect(o).toMatchObject({ raw: true, hmacAccessor: false, elideListResponses: true });
    rejects({ file_path: 'x', log_raw: 'yes' }, 'unable to parse "log_raw": invalid configuration');
    rejects({ file_path: 'x', hmac_accessor: '' }, 'unable to parse "hmac_accessor": invalid configuration');
  });

  test('mode is octal; 0000 leaves the file mode alone', () => {
    expect(parseFileOptions({ file_path: 'x', mode: '0640' }).mode).toBe(0o640);
    expect(parseFileOptions({ file_path: 'x', mode: '0000' }).mode).toBe(0);
    rejects({ file_path: 'x', mode: '0800' }, 'unable to parse "mode": invalid configuration');
  });

  test('format is json; jsonx and others are refused', () => {
    expect(parseFileOptions({ file_path: 'x', format: 'json', prefix: '@cee: ' }).prefix).toBe('@cee: ');
    rejects(
      { file_path: 'x', format: 'jsonx' },
      'unsupported format type "jsonx": hvr audit devices write json only',
    );
    rejects({ file_path: 'x', format: 'xml' }, 'unknown format type "xml"');
  });
});
