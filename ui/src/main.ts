import { call, errorText, type Json, session } from './api.js';
import { dashboard } from './dashboard.js';
import { button, h, notice, replace } from './dom.js';
import { enableForm } from './enable-form.js';
import { signInView } from './sign-in.js';

/** The single page: #/status, #/replication, #/replication/enable; sign in first unless a DR secondary. */
const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
let stopCurrent: (() => void) | undefined;

const go = (route: string) => {
  if (location.hash === `#${route}`) void render();
  else location.hash = route;
};

function link(label: string, route: string): HTMLAnchorElement {
  const a = h('a', { href: `#${route}` }, label);
  return a;
}

async function replicationMode(): Promise<string> {
  try {
    const status = await call('sys/replication/status', { anonymous: true });
    return String(((status.data as Json | undefined)?.dr as Json | undefined)?.mode ?? 'disabled');
  } catch {
    return 'unknown';
  }
}

async function statusView(): Promise<HTMLElement> {
  const el = h(
    'section',
    { class: 'card', 'aria-labelledby': 'status-title' },
    h('h2', { id: 'status-title' }, 'Status'),
  );
  try {
    const [seal, replication] = await Promise.all([
      call('sys/seal-status', { anonymous: true }),
      call('sys/replication/status', { anonymous: true }),
    ]);
    const data = (replication.data ?? {}) as Json;
    const dr = (data.dr ?? {}) as Json;
    const perf = (data.performance ?? {}) as Json;
    el.append(
      h(
        'dl',
        { class: 'facts' },
        ...(
          [
            ['Sealed', String(seal.sealed)],
            ['Version', String(seal.version ?? '—')],
            ['Cluster name', String(seal.cluster_name ?? '—')],
            ['DR replication', String(dr.mode ?? 'disabled')],
            ['Performance replication', String(perf.mode ?? 'disabled')],
          ] as const
        ).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
      h(
        'nav',
        { 'aria-label': 'Status sections' },
        h('ul', {}, h('li', {}, link('Replication', '/replication'))),
      ),
    );
  } catch (error) {
    el.append(notice('error', `Could not read the status: ${errorText(error)}`));
  }
  return el;
}

async function render(): Promise<void> {
  stopCurrent?.();
  stopCurrent = undefined;
  const route = location.hash.replace(/^#/, '') || '/status';
  const signedIn = session.token !== null;
  // A DR secondary answers no ordinary token: its page works without one (actions take a DR operation token).
  const mode = signedIn ? '' : await replicationMode();
  if (!signedIn && mode !== 'secondary') {
    replace(nav);
    replace(
      main,
      signInView(() => go('/status')),
    );
    return;
  }
  replace(
    nav,
    h('ul', {}, h('li', {}, link('Status', '/status'))),
    signedIn
      ? button('Sign Out', () => {
          session.clear();
          go('/status');
        })
      : null,
  );
  if (route === '/replication/enable') {
    replace(
      main,
      enableForm((warnings) => {
        go('/replication');
        if (warnings.length > 0) main.prepend(notice('warning', ...warnings));
      }),
    );
    return;
  }
  if (route === '/replication') {
    const view = dashboard(() => go('/replication/enable'));
    stopCurrent = view.stop;
    replace(main, view.el);
    return;
  }
  replace(main, await statusView());
}

window.addEventListener('hashchange', () => void render());
void render();
