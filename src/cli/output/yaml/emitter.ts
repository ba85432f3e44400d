import { byteLength } from '../go-strings.js';
import type { EmitterState } from './emitter-state.js';
import { increaseIndent, newEmitterState, popIndent, writeIndent, writeIndicator } from './emitter-state.js';
import type { ScalarStyle, YamlNode } from './node.js';
import { analyzeScalar } from './scalar-analysis.js';
import { writeDoubleQuoted, writeLiteral, writePlain, writeSingleQuoted } from './scalar-writers.js';

/**
 * yaml.v2 v2.4.0's emitter (a port of libyaml) driven by one document: block mappings with
 * 2-space indent, sequences not indented under a mapping key, `{}`/`[]` for empty
 * containers, long scalars folded after column 80, and a final newline.
 */
export function emitYamlDocument(root: YamlNode): string {
  const e = newEmitterState();
  emitNode(e, root, { root: true, sequence: false, mapping: false, simpleKey: false });
  writeIndent(e);
  return e.out;
}

interface NodeContext {
  readonly root: boolean;
  readonly sequence: boolean;
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

const VALUE: NodeContext = { root: false, sequence: false, mapping: true, simpleKey: false };

function emitNode(e: EmitterState, node: YamlNode, ctx: NodeContext): void {
  e.rootContext = ctx.root;
  e.sequenceContext = ctx.sequence;
  e.mappingContext = ctx.mapping;
  e.simpleKeyContext = ctx.simpleKey;
  if (node.kind === 'scalar') emitScalar(e, node.value, node.style);
  else if (node.kind === 'seq') {
    if (e.flowLevel > 0 || node.items.length === 0) emitFlow(e, '[', ']', node.items.length === 0);
    else emitBlockSequence(e, node.items);
  } else if (e.flowLevel > 0 || node.pairs.length === 0) emitFlow(e, '{', '}', node.pairs.length === 0);
  else emitBlockMapping(e, node.pairs);
}

function selectStyle(e: EmitterState, value: string, requested: ScalarStyle): ScalarStyle | 'single' {
  const a = analyzeScalar(value);
  let style: ScalarStyle | 'single' = requested;
  if (e.simpleKeyContext && a.multiline) style = 'double';
  if (style === 'plain') {
    const plainAllowed = e.flowLevel > 0 ? a.flowPlainAllowed : a.blockPlainAllowed;
    if (!plainAllowed || (value === '' && (e.flowLevel > 0 || e.simpleKeyContext))) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || e.flowLevel > 0 || e.simpleKeyContext)) style = 'double';
  return style;
}

function emitScalar(e: EmitterState, value: string, requested: ScalarStyle): void {
  const style = selectStyle(e, value, requested);
  increaseIndent(e, true, false);
  const allowBreaks = !e.simpleKeyContext;
  if (style === 'plain') writePlain(e, value, allowBreaks);
  else if (style === 'single') writeSingleQuoted(e, value, allowBreaks);
  else if (style === 'double') writeDoubleQuoted(e, value, allowBreaks);
  else writeLiteral(e, value);
  popIndent(e);
}

/** Only empty collections are written in flow style: yaml.v2 never asks for flow otherwise. */
function emitFlow(e: EmitterState, open: string, close: string, empty: boolean): void {
  if (!empty) throw new Error('non-empty flow collections are not produced by yaml.v2 Marshal');
  writeIndicator(e, open, true, true, false);
  writeIndicator(e, close, false, false, false);
}

function emitBlockSequence(e: EmitterState, items: readonly YamlNode[]): void {
  increaseIndent(e, false, e.mappingContext && !e.indention);
  for (const item of items) {
    writeIndent(e);
    writeIndicator(e, '-', true, false, true);
    emitNode(e, item, { root: false, sequence: true, mapping: false, simpleKey: false });
  }
  popIndent(e);
}

function isSimpleKey(node: YamlNode): boolean {
  if (node.kind === 'seq') return node.items.length === 0;
  if (node.kind === 'map') return node.pairs.length === 0;
  return !analyzeScalar(node.value).multiline && byteLength(node.value) <= 128;
}

function emitBlockMapping(e: EmitterState, pairs: readonly (readonly [YamlNode, YamlNode])[]): void {
  increaseIndent(e, false, false);
  for (const [key, value] of pairs) {
    writeIndent(e);
    if (isSimpleKey(key)) {
      emitNode(e, key, { root: false, sequence: false, mapping: true, simpleKey: true });
      writeIndicator(e, ':', false, false, false);
    } else {
      writeIndicator(e, '?', true, false, true);
      emitNode(e, key, VALUE);
      writeIndent(e);
      writeIndicator(e, ':', true, false, true);
    }
    emitNode(e, value, VALUE);
  }
  popIndent(e);
}
