/**
 * Where yaml.v2 (v2.4.0) fails to read Go's compact JSON text, and with which message:
 * - raw DEL/C1/U+FFFE/U+FFFF: the reader rejects them when it decodes their 512-byte chunk;
 * - a NEL followed by `---`/`...` and a blank: a document indicator inside a quoted scalar;
 * - a key spanning a line (NEL) or longer than 1024 characters: no longer a simple key.
 * The earliest one wins, as the scanner meets them (chunk boundaries are approximated).
 */
const NEL = '\u0085';
const CHUNK = 512;
const LOOKAHEAD = 4;

interface Problem {
  readonly at: number;
  readonly message: string;
}

const rejected = (cp: number): boolean =>
  cp === 0x7f || (cp >= 0x80 && cp <= 0x9f && cp !== 0x85) || cp === 0xfffe || cp === 0xffff;

const blankz = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === NEL || ch === undefined;

const where = (line: number): string => (line === 0 ? '' : `line ${line}: `);

export function findReadBackProblem(json: string): string | undefined {
  const chars = Array.from(json);
  const offsets: number[] = [];
  let byte = 0;
  for (const ch of chars) {
    offsets.push(byte);
    byte += Buffer.byteLength(ch, 'utf8');
  }
  const problems: Problem[] = [];
  const openLines: number[] = [];
  let line = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '{' || ch === '[') openLines.push(line);
    else if (ch === '}' || ch === ']') openLines.pop();
    if (ch !== '"') continue;
    const start = i;
    let keyNels = 0;
    for (i++; i < chars.length && chars[i] !== '"'; i++) {
      const c = chars[i] ?? '';
      if (c === '\\') {
        i++;
        continue;
      }
      const cp = c.codePointAt(0) ?? 0;
      if (rejected(cp)) {
        const at = Math.max(0, Math.floor((offsets[i] ?? 0) / CHUNK) * CHUNK - LOOKAHEAD);
        problems.push({ at, message: 'control characters are not allowed' });
      }
      if (c !== NEL) continue;
      line++;
      keyNels++;
      let k = i + 1;
      while (chars[k] === ' ' || chars[k] === NEL) {
        if (chars[k] === NEL) {
          line++;
          keyNels++;
          i = k;
        }
        k++;
      }
      const indicator = chars.slice(i + 1, i + 4).join('');
      if (chars[i + 1] !== ' ' && (indicator === '---' || indicator === '...') && blankz(chars[i + 4])) {
        problems.push({
          at: offsets[i + 1] ?? 0,
          message: `${where(line + 1)}found unexpected document indicator`,
        });
      }
    }
    const quotedLength = i - start + 1;
    if (chars[i + 1] === ':' && (keyNels > 0 || quotedLength > 1024)) {
      const errorLine = line === 0 ? (openLines[openLines.length - 1] ?? 0) : line;
      problems.push({
        at: offsets[i + 1] ?? 0,
        message: `${where(errorLine)}did not find expected ',' or '}'`,
      });
    }
  }
  problems.sort((a, b) => a.at - b.at);
  return problems[0]?.message;
}
