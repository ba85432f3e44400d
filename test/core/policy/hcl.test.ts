import { describe, expect, test } from 'vitest';
import { parseHcl } from '../../../src/core/policy/hcl.js';
import { type HclValue, hclToPlain } from '../../../src/core/policy/hcl-ast.js';

const plain = (text: string) => hclToPlain(parseHcl(text).root);
const only = (text: string): HclValue => {
  const item = parseHcl(text).root.items[0];
  if (item === undefined) throw new Error('no item');
  return item.value;
};

describe('parseHcl values', () => {
  test.each<[string, string, unknown]>([
    ['string', 'a = "hello"', 'hello'],
    ['empty string', 'a = ""', ''],
    [
      'escapes',
      String.raw`a = "q\" b\\ n\n t\t u\u00e9 U\U0001F600 x\x41 o\101"`,
      'q" b\\ n\n t\t ué U😀 xA oA',
    ],
    ['template text kept', 'a = "secret/{{identity.entity.id}}/*"', 'secret/{{identity.entity.id}}/*'],
    ['integer', 'a = 42', 42],
    ['negative', 'a = -7', -7],
    ['float', 'a = 1.5e3', 1500],
    ['hex', 'a = 0x1F', 31],
    ['true', 'a = true', true],
    ['false', 'a = false', false],
    ['list', 'a = ["read", "list"]', ['read', 'list']],
    ['empty list', 'a = []', []],
    ['trailing comma and newlines', 'a = [\n  "x",\n  "y",\n]', ['x', 'y']],
    ['mixed list', 'a = [1, true, "s", [2], { k = "v" }]', [1, true, 's', [2], { k: 'v' }]],
    ['object', 'a = { k = "v", "quoted key" = [] }', { k: 'v', 'quoted key': [] }],
    ['nested object', 'a = { b = { c = 1 } }', { b: { c: 1 } }],
  ])('%s', (_name, text, expected) => {
    expect(plain(text)).toEqual({ a: expected });
  });

  test('value positions are 1-based line and column', () => {
    expect(only('\n  a = "x"').pos).toEqual({ line: 2, column: 7 });
  });
});

describe('parseHcl blocks', () => {
  test('a labelled block keeps its key and label', () => {
    const { root } = parseHcl('path "secret/*" {\n  capabilities = ["read", "list"]\n}');
    const item = root.items[0];
    expect(item?.keys.map((k) => k.name)).toEqual(['path', 'secret/*']);
    expect(item?.assign).toBeUndefined();
    expect(hclToPlain(root)).toEqual({ path: { 'secret/*': { capabilities: ['read', 'list'] } } });
  });

  test('nested blocks with several labels', () => {
    const text = 'control_group {\n  factor "ops" {\n    identity { approvals = 1 }\n  }\n}';
    expect(plain(text)).toEqual({ control_group: { factor: { ops: { identity: { approvals: 1 } } } } });
  });

  test('repeated blocks with the same label stay separate items', () => {
    const { root } = parseHcl('path "a" { capabilities = ["read"] }\npath "a" { capabilities = ["list"] }');
    expect(root.items).toHaveLength(2);
    expect(root.items.map((i) => i.keys[1]?.name)).toEqual(['a', 'a']);
  });

  test('items may share a line or be separated by commas', () => {
    expect(plain('a = 1 b = 2, c = 3')).toEqual({ a: 1, b: 2, c: 3 });
  });

  test('the position of = is recorded', () => {
    expect(parseHcl('\n\nfoo   = 1').root.items[0]?.assign).toEqual({ line: 3, column: 7 });
  });

  test('an empty document has no items', () => {
    expect(parseHcl('  # nothing\n').root.items).toEqual([]);
  });
});

describe('parseHcl comments', () => {
  test('#, // and /* */ comments are skipped everywhere', () => {
    const text = [
      '# hash comment',
      '// slash comment',
      '/* block',
      '   comment */ path "a" { /* inline */ capabilities = [ # in a list',
      '  "read", // after an element',
      '] }',
    ].join('\n');
    expect(plain(text)).toEqual({ path: { a: { capabilities: ['read'] } } });
  });
});

describe('parseHcl heredocs', () => {
  test('<<EOF keeps the text verbatim, with a trailing newline', () => {
    expect(only('a = <<EOF\n  line one\nline two\nEOF\n')).toMatchObject({
      kind: 'string',
      value: '  line one\nline two\n',
    });
  });

  test('<<-EOF removes the closing marker indentation', () => {
    expect(only('a = <<-EOT\n    one\n      two\n    EOT\n')).toMatchObject({ value: 'one\n  two\n' });
  });

  test('<<-EOF keeps the text when a line is less indented than the marker', () => {
    expect(only('a = <<-EOT\n    one\n  two\n    EOT')).toMatchObject({ value: '    one\n  two\n' });
  });

  test('an empty heredoc is the empty string', () => {
    expect(only('a = <<EOF\nEOF')).toMatchObject({ value: '' });
  });

  test('a heredoc can hold a whole policy', () => {
    const text = 'a = <<POLICY\npath "x" {\n  capabilities = ["read"]\n}\nPOLICY\nb = 1';
    expect(plain(text)).toEqual({ a: 'path "x" {\n  capabilities = ["read"]\n}\n', b: 1 });
  });
});

describe('parseHcl JSON', () => {
  test('a document starting with { is JSON', () => {
    const doc = parseHcl(
      '  {"path": {"secret/*": {"capabilities": ["read"]}}, "n": null, "b": false, "x": 1.5}',
    );
    expect(doc.format).toBe('json');
    expect(hclToPlain(doc.root)).toEqual({
      path: { 'secret/*': { capabilities: ['read'] } },
      n: null,
      b: false,
      x: 1.5,
    });
  });

  test('JSON escapes, including \\/ and surrogate pairs', () => {
    expect(plain(String.raw`{"a": "x\/y \ud83d\ude00 \n"}`)).toEqual({ a: 'x/y 😀 \n' });
  });
});

describe('parseHcl errors', () => {
  test.each([
    [
      'missing =',
      'path "a" {\n  capabilities ["read"]\n}',
      "At 2:16: expected '=' or '{' after key \"capabilities\", got '['",
    ],
    [
      'unclosed block',
      'path "a" {\n  capabilities = ["read"]\n',
      "At 3:1: expected '}' to close the block opened at 1:10, got end of input",
    ],
    [
      'unclosed list',
      'a = ["x"\nb = 1',
      "At 2:1: expected ',' or ']' in the list opened at 1:5, got identifier b",
    ],
    [
      'bare identifier value',
      'a = read',
      'At 1:5: expected a value (string, number, bool, list or object), got identifier read',
    ],
    ['labels then =', 'path "a" = {}', "At 1:10: expected '{' after the block labels of \"path\", got '='"],
    ['unterminated string', 'a = "abc\nb = 1', "At 1:5: literal not terminated: expected a closing '\"'"],
    ['bad escape', 'a = "\\q"', 'At 1:6: unknown escape sequence "\\q"'],
    ['illegal character', 'a = 1\n  @', 'At 2:3: illegal character "@"'],
    ['unterminated comment', 'a = 1 /* open', 'At 1:7: comment not terminated: expected "*/"'],
    [
      'heredoc without marker',
      'a = <<\nx\n',
      'At 1:5: heredoc expected "<<" or "<<-" then a marker identifier and a newline',
    ],
    [
      'unterminated heredoc',
      'a = <<EOF\nabc\n',
      'At 1:5: heredoc not terminated: expected a line containing only "EOF"',
    ],
    ['key expected', '= 1', "At 1:1: expected a key (an identifier or a string), got '='"],
    ['bad number', 'a = 12ab', 'At 1:5: invalid number "12ab"'],
    ['JSON trailing comma', '{"a": [1,]}', "At 1:10: expected a JSON value, got ']'"],
    ['JSON unquoted key', '{a: 1}', 'At 1:2: expected a string key, got identifier a'],
    ['JSON missing colon', '{"a" 1}', 'At 1:6: expected \':\' after key "a", got number 1'],
    ['JSON trailing data', '{} x', 'At 1:4: expected end of input after the JSON object, got identifier x'],
    ['JSON comment', '{"a": 1 # no\n}', 'At 1:9: illegal character "#"'],
  ])('%s', (_name, text, message) => {
    expect(() => parseHcl(text)).toThrow(message);
  });
});
