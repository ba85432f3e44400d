import { call, errorText } from './api.js';
import { button, field, h, notice, replace } from './dom.js';

/**
 * Add Secondary: a Secondary ID and a TTL give a one-time activation token, shown once with
 * its TTL and a copy button.
 */
export function addSecondaryForm(onDone: () => void): HTMLElement {
  const id = h('input', { type: 'text', name: 'id', autocomplete: 'off' });
  const ttl = h('input', { type: 'text', name: 'ttl', value: '30m', autocomplete: 'off' });
  const result = h('div', { 'aria-live': 'polite' });

  const generate = async () => {
    replace(result);
    try {
      const answer = await call('sys/replication/dr/primary/secondary-token', {
        body: { id: id.value.trim(), ...(ttl.value.trim() ? { ttl: ttl.value.trim() } : {}) },
      });
      const wrap = (answer.wrap_info ?? {}) as { token?: unknown; ttl?: unknown };
      const token = String(wrap.token ?? '');
      const seconds = Number(wrap.ttl ?? 0);
      const output = h('textarea', { readonly: true, rows: '4', class: 'token', spellcheck: 'false' });
      output.value = token;
      const copied = h('span', { class: 'hint', 'aria-live': 'polite' });
      const copy = async () => {
        try {
          await navigator.clipboard.writeText(token);
        } catch {
          output.select();
          document.execCommand('copy');
        }
        copied.textContent = 'Copied';
      };
      replace(
        result,
        notice(
          'info',
          `Activation token for "${id.value.trim()}": it is shown only once and expires in ${formatTTL(seconds)}.`,
        ),
        field('Activation token', output),
        h('div', { class: 'row' }, button('Copy', copy, { 'aria-label': 'Copy token' }), copied),
        button('Done', () => {
          output.value = '';
          onDone();
        }),
      );
    } catch (error) {
      replace(result, notice('error', `Generate Token failed: ${errorText(error)}`));
    }
  };

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'add-secondary-title' },
    h('h2', { id: 'add-secondary-title' }, 'Add Secondary'),
    field('Secondary ID', id),
    field('TTL', ttl),
    button('Generate Token', generate, { class: 'primary' }),
    result,
  );
}

export function formatTTL(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'an unknown time';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('') || '0s';
}
