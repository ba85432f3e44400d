import type { HclDocument, HclItem, HclList, HclObject, HclValue } from '../../../core/policy/hcl-ast.js';
import type { HclComment, HclSource } from './hcl-source.js';

/**
 * hashicorp/hcl v1 `printer.Format` (hcl/printer/nodes.go), which `vault policy fmt` uses,
 * over the policy parser's tree plus the source's raw tokens and comments: two-space
 * indents, top-level items a blank line apart, runs of adjacent one-line attributes aligned
 * on `=`, lists kept on one line when written so, heredocs left unindented, lead, line and
 * standalone comments kept where HCL keeps them.
 */
const UNINDENT = '\uE123';
const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
const lineCount = (s: string): number => s.split('\n').length;
const start = (item: HclItem): HclItem['keys'][number]['pos'] => item.keys[0]?.pos ?? item.value.pos;

function indent(text: string): string {
  let out = '';
  let bol = true;
  for (const ch of text) {
    if (bol && ch !== '\n') out += '  ';
    out += ch;
    bol = ch === '\n';
  }
  return out;
}

/** Drops the indentation in front of every UNINDENT marker, and the marker. */
function unindent(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== UNINDENT) {
      out += text[i];
      continue;
    }
    const bol = out.lastIndexOf('\n');
    out = out.slice(0, bol + 1);
  }
  return out;
}

const isHeredoc = (value: HclValue, src: HclSource): boolean =>
  value.kind === 'string' && src.rawAt(value.pos).startsWith('<<');

/** Lines 2+ of a heredoc are never indented. */
const heredocIndent = (text: string): string => text.replace(/\n(?=[^\n])/g, `\n${UNINDENT}`);

interface Attached {
  readonly lead: ReadonlyMap<number, readonly HclComment[]>;
  /** Line comments of items, by the item's end offset. */
  readonly itemLine: ReadonlyMap<number, readonly HclComment[]>;
  /** Line comments of list elements, by the element's end offset. */
  readonly elementLine: ReadonlyMap<number, readonly HclComment[]>;
  readonly standalone: readonly HclComment[];
}

class Printer {
  #prev = -1;
  readonly #attached: Attached;

  constructor(
    private readonly src: HclSource,
    root: HclObject,
  ) {
    this.#attached = this.#attach(root);
  }

  file(root: HclObject): string {
    const { items } = root;
    let out = '';
    for (let index = 0; ; index++) {
      const upcoming = items[index];
      const next = upcoming ? this.#offset(upcoming) : Number.POSITIVE_INFINITY;
      for (const c of this.#attached.standalone) {
        if (c.offset > this.#prev && c.offset < next) {
          if (this.#prev >= 0 && index === items.length) out += '\n\n';
          out += `${c.text}\n`;
          if (index !== items.length) out += '\n';
        }
      }
      if (upcoming === undefined) break;
      this.#prev = this.#offset(upcoming);
      out += this.#objectItem(upcoming);
      if (index !== items.length - 1) out += '\n\n';
    }
    return unindent(out);
  }

  #offset(item: HclItem): number {
    return this.src.offsetOf(start(item));
  }

  /** Which comments lead an item, trail an item or list element, or stand alone. */
  #attach(root: HclObject): Attached {
    const itemStarts = new Set<number>();
    const itemEnds = new Set<number>();
    const elementEnds = new Set<number>();
    const walk = (value: HclValue): void => {
      if (value.kind === 'object') {
        for (const item of value.items) {
          itemStarts.add(this.#offset(item));
          if (item.value.pos.line === start(item).line) itemEnds.add(this.src.endOf(item.value.pos));
          walk(item.value);
        }
      } else if (value.kind === 'list') {
        for (const element of value.items) {
          if (element.kind !== 'object' && element.kind !== 'list')
            elementEnds.add(this.src.endOf(element.pos));
          walk(element);
        }
      }
    };
    walk(root);
    const lead = new Map<number, readonly HclComment[]>();
    const itemLine = new Map<number, readonly HclComment[]>();
    const elementLine = new Map<number, readonly HclComment[]>();
    const standalone: HclComment[] = [];
    for (const group of this.src.groups) {
      if (group.trailing && itemEnds.has(group.prevEnd)) itemLine.set(group.prevEnd, group.comments);
      else if (group.trailing && elementEnds.has(group.beforeCommaEnd))
        elementLine.set(group.beforeCommaEnd, group.comments);
      else if (
        !group.trailing &&
        group.endLine + 1 === group.nextLine &&
        !group.nextCloses &&
        itemStarts.has(group.nextOffset)
      ) {
        lead.set(group.nextOffset, group.comments);
      } else standalone.push(...group.comments);
    }
    return { lead, itemLine, elementLine, standalone };
  }

  #keys(item: HclItem, pad: number | undefined): string {
    let out = '';
    item.keys.forEach((key, i) => {
      const text = this.src.rawAt(key.pos);
      out += text + ' '.repeat(pad === undefined ? 1 : pad - byteLength(text) + 1);
      const single = item.keys.length === 1 && i === item.keys.length - 1;
      if (single && (pad !== undefined || item.assign !== undefined)) out += '= ';
    });
    return out;
  }

  #leadComments(item: HclItem): string {
    return (this.#attached.lead.get(this.#offset(item)) ?? []).map((c) => `${c.text}\n`).join('');
  }

  #lineComment(item: HclItem): readonly HclComment[] | undefined {
    if (item.value.pos.line !== start(item).line) return undefined;
    return this.#attached.itemLine.get(this.src.endOf(item.value.pos));
  }

  #objectItem(item: HclItem): string {
    let out = this.#leadComments(item) + this.#keys(item, undefined) + this.#value(item.value);
    const line = this.#lineComment(item);
    if (line) out += ` ${line.map((c) => c.text).join('')}`;
    return out;
  }

  #value(value: HclValue): string {
    if (value.kind === 'object') return this.#objectType(value);
    if (value.kind === 'list') return this.#list(value);
    const raw = this.src.rawAt(value.pos);
    return raw.startsWith('<<') ? heredocIndent(raw.replace(/\n$/, '')) : raw;
  }

  #objectType(object: HclObject): string {
    const { items } = object;
    const close = this.src.closeOf(object.pos);
    let out = '{';
    let commented = false;
    let newlinePrinted = false;
    let index = 0;
    for (;;) {
      const next = index !== items.length ? this.#offset(items[index] as HclItem) : close;
      for (const c of this.#attached.standalone) {
        if (c.offset > this.#prev && c.offset < next) {
          if (!newlinePrinted) {
            newlinePrinted = true;
            out += '\n';
          }
          if (index > 0) {
            commented = true;
            out += '\n';
          }
          out += `${indent(c.text)}\n`;
          if (index !== items.length) out += '\n';
        }
      }
      if (index === items.length) {
        this.#prev = close;
        break;
      }
      if (!newlinePrinted) {
        out += '\n';
        newlinePrinted = true;
      }
      const aligned: HclItem[] = [];
      for (const item of items.slice(index)) {
        if (items.length === 1) break;
        if (lineCount(this.#objectItem(item)) > 2) break;
        const line = start(item).line;
        const nextItem = index !== items.length - 1 ? items[index + 1] : undefined;
        const nextLine = nextItem ? start(nextItem).line : 0;
        const prevItem = index !== 0 ? items[index - 1] : undefined;
        const prevLine = prevItem ? start(prevItem).line : 0;
        if (line + 1 === nextLine) {
          aligned.push(item);
          index++;
          continue;
        }
        if (line - 1 === prevLine) {
          aligned.push(item);
          index++;
          if (line + 1 !== nextLine) break;
          continue;
        }
        break;
      }
      if (!commented && index !== aligned.length) out += '\n';
      const last = aligned.at(-1);
      if (last) {
        this.#prev = this.#offset(last);
        out += indent(this.#alignedItems(aligned));
      } else {
        const item = items[index] as HclItem;
        this.#prev = this.#offset(item);
        out += indent(this.#objectItem(item));
        index++;
      }
      out += '\n';
    }
    return `${out}}`;
  }

  #alignedItems(items: readonly HclItem[]): string {
    let longestKey = 0;
    let longestValue = 0;
    for (const item of items) {
      const first = item.keys[0];
      longestKey = Math.max(longestKey, first ? byteLength(this.src.rawAt(first.pos)) : 0);
      longestValue = Math.max(longestValue, byteLength(this.#value(item.value)));
    }
    return items
      .map((item) => {
        const value = this.#value(item.value);
        let out = this.#leadComments(item) + this.#keys(item, longestKey) + value;
        const line = this.#lineComment(item);
        if (line) out += ' '.repeat(longestValue - byteLength(value) + 1) + line.map((c) => c.text).join('');
        return out;
      })
      .join('\n');
  }

  #list(list: HclList): string {
    let longest = 0;
    for (const element of list.items) {
      if (element.kind !== 'object' && element.kind !== 'list')
        longest = Math.max(longest, byteLength(this.src.rawAt(element.pos)));
    }
    let out = '[';
    let space = false;
    list.items.forEach((element, i) => {
      const last = i === list.items.length - 1;
      if (element.pos.line !== list.pos.line) {
        out += '\n';
        space = false;
        const value = this.#value(element);
        // A heredoc's closing marker must stand alone on its line.
        out += `${indent(value)}${isHeredoc(element, this.src) ? '\n' : ''},`;
        const comment =
          element.kind !== 'object' && element.kind !== 'list'
            ? this.#attached.elementLine.get(this.src.endOf(element.pos))
            : undefined;
        if (comment)
          out += ` ${' '.repeat(longest - byteLength(value))}${comment.map((c) => c.text).join('')}`;
        if (last) out += '\n';
      } else {
        if (space) out += ' ';
        space = false;
        out += this.#value(element);
        if (isHeredoc(element, this.src)) out += '\n';
        if (!last) {
          out += ',';
          space = true;
        }
      }
    });
    return `${out}]`;
  }
}

/** The formatted document, with the trailing newline `printer.Format` adds. */
export function formatHcl(doc: HclDocument, src: HclSource): string {
  return `${new Printer(src, doc.root).file(doc.root)}\n`;
}
