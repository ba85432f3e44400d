import { call, errorText, warningsOf } from './api.js';
import { button, field, h, notice, replace, uid } from './dom.js';

function radio(
  name: string,
  value: string,
  label: string,
  opts: { checked?: boolean; disabled?: boolean } = {},
): { input: HTMLInputElement; label: HTMLLabelElement } {
  const input = h('input', {
    type: 'radio',
    name,
    value,
    id: uid('r'),
    checked: opts.checked,
    disabled: opts.disabled,
  });
  return { input, label: h('label', { class: 'choice' }, input, ` ${label}`) };
}

/** Enable Replication: Disaster Recovery, Primary or Secondary, as the seed walks through it. */
export function enableForm(onEnabled: (warnings: string[]) => void): HTMLElement {
  const dr = radio('type', 'dr', 'Disaster Recovery', { checked: true });
  const perf = radio('type', 'performance', 'Performance', { disabled: true });
  const primary = radio('mode', 'primary', 'Primary', { checked: true });
  const secondary = radio('mode', 'secondary', 'Secondary');
  const clusterAddr = h('input', {
    type: 'text',
    name: 'primary_cluster_addr',
    autocomplete: 'off',
    placeholder: 'https://primary.example:8201',
  });
  const activation = h('textarea', { name: 'token', rows: '4', autocomplete: 'off', spellcheck: 'false' });
  const primaryApiAddr = h('input', { type: 'text', name: 'primary_api_addr', autocomplete: 'off' });
  const primaryFields = h('div', {}, field('Primary cluster address (optional)', clusterAddr));
  const secondaryFields = h(
    'div',
    { hidden: true },
    notice(
      'warning',
      'Enabling this cluster as a secondary immediately wipes its data: everything stored here, tokens included, is replaced by the primary’s.',
    ),
    field('Secondary activation token', activation),
    field('Primary API address (optional)', primaryApiAddr),
  );
  const message = h('div', { 'aria-live': 'polite' });
  const sync = () => {
    primaryFields.hidden = !primary.input.checked;
    secondaryFields.hidden = !secondary.input.checked;
  };
  primary.input.addEventListener('change', sync);
  secondary.input.addEventListener('change', sync);

  const enable = async () => {
    replace(message);
    try {
      const result = primary.input.checked
        ? await call('sys/replication/dr/primary/enable', {
            body: clusterAddr.value.trim() ? { primary_cluster_addr: clusterAddr.value.trim() } : {},
          })
        : await call('sys/replication/dr/secondary/enable', {
            body: {
              token: activation.value.trim(),
              ...(primaryApiAddr.value.trim() ? { primary_api_addr: primaryApiAddr.value.trim() } : {}),
            },
          });
      activation.value = '';
      onEnabled(warningsOf(result));
    } catch (error) {
      replace(message, notice('error', `Enable failed: ${errorText(error)}`));
    }
  };

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'enable-title' },
    h('h2', { id: 'enable-title' }, 'Enable Replication'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Replication type'),
      dr.label,
      perf.label,
      h('p', { class: 'hint' }, 'Performance replication is not available in hvr yet.'),
    ),
    h('fieldset', {}, h('legend', {}, 'Cluster mode'), primary.label, secondary.label),
    primaryFields,
    secondaryFields,
    button('Enable', enable, { class: 'primary' }),
    message,
  );
}
