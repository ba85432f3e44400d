/**
 * The UI's only way to make DOM: elements with attributes and children, where every string
 * child becomes a text node. Nothing from the server is ever parsed as HTML.
 */
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | boolean | undefined>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

let ids = 0;
/** A fresh id for label/for pairs. */
export const uid = (prefix: string): string => `${prefix}-${++ids}`;

/** A labelled input (or textarea/select given as `control`). */
export function field(
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
): HTMLElement {
  control.id ||= uid('f');
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

export function button(
  label: string,
  onClick: () => void | Promise<void>,
  attrs: Record<string, string> = {},
): HTMLButtonElement {
  const el = h('button', { type: 'button', ...attrs }, label);
  el.addEventListener('click', () => void onClick());
  return el;
}

/** A message box: role=alert for errors and warnings, status for the rest. */
export function notice(kind: 'error' | 'warning' | 'info' | 'success', ...lines: string[]): HTMLElement {
  return h(
    'div',
    { class: `notice ${kind}`, role: kind === 'error' || kind === 'warning' ? 'alert' : 'status' },
    ...lines.map((line) => h('p', {}, line)),
  );
}
