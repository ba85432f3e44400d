/** libyaml's emitter state and its low-level writers (emitterc.go), for block-style output. */
export const BEST_INDENT = 2;
export const BEST_WIDTH = 80;

export interface EmitterState {
  out: string;
  column: number;
  whitespace: boolean;
  indention: boolean;
  openEnded: boolean;
  indent: number;
  readonly indents: number[];
  flowLevel: number;
  rootContext: boolean;
  sequenceContext: boolean;
  mappingContext: boolean;
  simpleKeyContext: boolean;
}

export const newEmitterState = (): EmitterState => ({
  out: '',
  column: 0,
  whitespace: true,
  indention: true,
  openEnded: false,
  indent: -1,
  indents: [],
  flowLevel: 0,
  rootContext: false,
  sequenceContext: false,
  mappingContext: false,
  simpleKeyContext: false,
});

export function put(e: EmitterState, ch: string): void {
  e.out += ch;
  e.column++;
}

export function putBreak(e: EmitterState): void {
  e.out += '\n';
  e.column = 0;
}

export function write(e: EmitterState, cp: number): void {
  e.out += String.fromCodePoint(cp);
  e.column++;
}

export function writeBreak(e: EmitterState, cp: number): void {
  if (cp === 0x0a) {
    putBreak(e);
    return;
  }
  write(e, cp);
  e.column = 0;
}

export function writeIndent(e: EmitterState): void {
  const indent = Math.max(e.indent, 0);
  if (!e.indention || e.column > indent || (e.column === indent && !e.whitespace)) putBreak(e);
  while (e.column < indent) put(e, ' ');
  e.whitespace = true;
  e.indention = true;
}

export function writeIndicator(
  e: EmitterState,
  indicator: string,
  needWhitespace: boolean,
  isWhitespace: boolean,
  isIndention: boolean,
): void {
  if (needWhitespace && !e.whitespace) put(e, ' ');
  for (const ch of indicator) put(e, ch);
  e.whitespace = isWhitespace;
  e.indention = e.indention && isIndention;
  e.openEnded = false;
}

export function increaseIndent(e: EmitterState, flow: boolean, indentless: boolean): void {
  e.indents.push(e.indent);
  if (e.indent < 0) e.indent = flow ? BEST_INDENT : 0;
  else if (!indentless) e.indent += BEST_INDENT;
}

export function popIndent(e: EmitterState): void {
  e.indent = e.indents.pop() ?? -1;
}
