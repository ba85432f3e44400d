import { codePoints, isBreak, isPrintable, isSpace } from './chars.js';
import type { EmitterState } from './emitter-state.js';
import {
  BEST_INDENT,
  BEST_WIDTH,
  put,
  putBreak,
  write,
  writeBreak,
  writeIndent,
  writeIndicator,
} from './emitter-state.js';

/** libyaml's scalar writers (emitterc.go), including folding at column 80. */
export function writePlain(e: EmitterState, value: string, allowBreaks: boolean): void {
  if (!e.whitespace) put(e, ' ');
  let spaces = false;
  let breaks = false;
  const cps = codePoints(value);
  cps.forEach((cp, i) => {
    if (isSpace(cp)) {
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && !isSpace(cps[i + 1])) writeIndent(e);
      else write(e, cp);
      spaces = true;
    } else if (isBreak(cp)) {
      if (!breaks && cp === 0x0a) putBreak(e);
      writeBreak(e, cp);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      write(e, cp);
      e.indention = false;
      spaces = false;
      breaks = false;
    }
  });
  e.whitespace = false;
  e.indention = false;
  if (e.rootContext) e.openEnded = true;
}

export function writeSingleQuoted(e: EmitterState, value: string, allowBreaks: boolean): void {
  writeIndicator(e, "'", true, false, false);
  let spaces = false;
  let breaks = false;
  const cps = codePoints(value);
  cps.forEach((cp, i) => {
    if (isSpace(cp)) {
      const fold = allowBreaks && !spaces && e.column > BEST_WIDTH && i > 0 && i < cps.length - 1;
      if (fold && !isSpace(cps[i + 1])) writeIndent(e);
      else write(e, cp);
      spaces = true;
    } else if (isBreak(cp)) {
      if (!breaks && cp === 0x0a) putBreak(e);
      writeBreak(e, cp);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      if (cp === 0x27) put(e, "'");
      write(e, cp);
      e.indention = false;
      spaces = false;
      breaks = false;
    }
  });
  writeIndicator(e, "'", false, false, false);
  e.whitespace = false;
  e.indention = false;
}

const NAMED_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

function escapeRune(cp: number): string {
  const named = NAMED_ESCAPES.get(cp);
  if (named !== undefined) return `\\${named}`;
  const [letter, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
  return `\\${letter}${cp.toString(16).toUpperCase().padStart(width, '0')}`;
}

export function writeDoubleQuoted(e: EmitterState, value: string, allowBreaks: boolean): void {
  let spaces = false;
  writeIndicator(e, '"', true, false, false);
  const cps = codePoints(value);
  // libyaml's is_bom looks at the start of the value, so a leading BOM escapes everything.
  const bom = cps[0] === 0xfeff;
  cps.forEach((cp, i) => {
    if (!isPrintable(cp) || bom || isBreak(cp) || cp === 0x22 || cp === 0x5c) {
      for (const ch of escapeRune(cp)) put(e, ch);
      spaces = false;
    } else if (isSpace(cp)) {
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
        writeIndent(e);
        if (isSpace(cps[i + 1])) put(e, '\\');
      } else {
        write(e, cp);
      }
      spaces = true;
    } else {
      write(e, cp);
      spaces = false;
    }
  });
  writeIndicator(e, '"', false, false, false);
  e.whitespace = false;
  e.indention = false;
}

function writeBlockScalarHints(e: EmitterState, cps: readonly number[]): void {
  if (isSpace(cps[0]) || isBreak(cps[0])) writeIndicator(e, String(BEST_INDENT), false, false, false);
  e.openEnded = false;
  let chomp = '';
  const last = cps.length - 1;
  if (cps.length === 0 || !isBreak(cps[last])) {
    chomp = '-';
  } else if (last === 0 || isBreak(cps[last - 1])) {
    chomp = '+';
    e.openEnded = true;
  }
  if (chomp !== '') writeIndicator(e, chomp, false, false, false);
}

export function writeLiteral(e: EmitterState, value: string): void {
  writeIndicator(e, '|', true, false, false);
  const cps = codePoints(value);
  writeBlockScalarHints(e, cps);
  putBreak(e);
  e.indention = true;
  e.whitespace = true;
  let breaks = true;
  for (const cp of cps) {
    if (isBreak(cp)) {
      writeBreak(e, cp);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      write(e, cp);
      e.indention = false;
      breaks = false;
    }
  }
}
