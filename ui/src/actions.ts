import { call, errorText, warningsOf } from './api.js';
import { button, field, h, notice, replace } from './dom.js';

interface Action {
  readonly label: string;
  /** Shown before the operator confirms: what the action does and what it breaks. */
  readonly before: string;
  /** Shown once it is done: what to do next. */
  readonly after: string;
  readonly path: string;
  readonly needsOperationToken?: boolean;
  readonly needsActivationToken?: boolean;
  readonly body?: Record<string, unknown>;
}

/** Where actions draw: `panel` holds the open confirm form, `results` what the last action did. */
export interface ActionTargets {
  readonly panel: HTMLElement;
  readonly results: HTMLElement;
}

/** A button that opens a confirm panel with the warning, the inputs it needs, then runs the call. */
function actionButton(action: Action, { panel, results }: ActionTargets): HTMLButtonElement {
  return button(action.label, () => {
    const opToken = h('input', { type: 'password', name: 'dr_operation_token', autocomplete: 'off' });
    const activation = h('textarea', { name: 'token', rows: '3', autocomplete: 'off', spellcheck: 'false' });
    const message = h('div', { 'aria-live': 'polite' });
    const confirm = async () => {
      replace(message);
      try {
        const result = await call(action.path, {
          body: {
            ...(action.body ?? {}),
            ...(action.needsOperationToken ? { dr_operation_token: opToken.value.trim() } : {}),
            ...(action.needsActivationToken ? { token: activation.value.trim() } : {}),
          },
        });
        opToken.value = '';
        activation.value = '';
        replace(panel);
        replace(results, notice('success', `${action.label}: done.`, action.after, ...warningsOf(result)));
      } catch (error) {
        replace(message, notice('error', `${action.label} failed: ${errorText(error)}`));
      }
    };
    replace(results);
    replace(
      panel,
      h(
        'section',
        { class: 'card confirm', 'aria-label': `Confirm ${action.label}` },
        h('h3', {}, action.label),
        notice('warning', action.before),
        action.needsOperationToken ? field('DR operation token', opToken) : null,
        action.needsActivationToken ? field('Secondary activation token', activation) : null,
        h(
          'div',
          { class: 'row' },
          button(`Confirm ${action.label}`, confirm, { class: 'danger' }),
          button('Cancel', () => replace(panel)),
        ),
        message,
      ),
    );
  });
}

export function primaryActions(targets: ActionTargets): HTMLElement[] {
  return [
    actionButton(
      {
        label: 'Demote',
        path: 'sys/replication/dr/primary/demote',
        before:
          'Demoting makes this cluster a DR secondary connected to nothing: it stops accepting writes at once and its secondaries lose their primary. Promote the new primary first (or right after), then point this cluster at it with Update Primary.',
        after:
          'This cluster is now a DR secondary without a primary: use Update Primary with an activation token issued by the new primary.',
      },
      targets,
    ),
    actionButton(
      {
        label: 'Disable Replication',
        path: 'sys/replication/dr/primary/disable',
        before:
          'Disabling DR replication on this primary disconnects every secondary. They cannot reconnect: re-attaching them needs replication enabled here again and new activation tokens, which wipes their data.',
        after: 'DR replication is disabled on this cluster.',
      },
      targets,
    ),
  ];
}

export function revokeButton(id: string, targets: ActionTargets): HTMLButtonElement {
  const el = actionButton(
    {
      label: 'Revoke',
      path: 'sys/replication/dr/primary/revoke-secondary',
      body: { id },
      before: `Revoking secondary "${id}" disconnects it at once and refuses it from then on. Re-attaching it needs a new activation token and re-enabling it, which wipes its data.`,
      after: `Secondary "${id}" is revoked.`,
    },
    targets,
  );
  el.setAttribute('aria-label', `Revoke secondary ${id}`);
  return el;
}

export function secondaryActions(targets: ActionTargets): HTMLElement[] {
  return [
    actionButton(
      {
        label: 'Promote',
        path: 'sys/replication/dr/secondary/promote',
        needsOperationToken: true,
        before:
          'Promoting makes this cluster the DR primary and it starts accepting writes. If the old primary is still running, demote it first: two primaries writing at once diverge.',
        after:
          'This cluster is now the DR primary. Point the old primary at it: demote it, then Update Primary there with a token from Add Secondary here.',
      },
      targets,
    ),
    actionButton(
      {
        label: 'Update Primary',
        path: 'sys/replication/dr/secondary/update-primary',
        needsOperationToken: true,
        needsActivationToken: true,
        before:
          'Update Primary points this secondary at another primary without wiping it. The activation token must come from that primary (Add Secondary there).',
        after: 'This secondary now follows the new primary.',
      },
      targets,
    ),
    actionButton(
      {
        label: 'Disable Replication',
        path: 'sys/replication/dr/secondary/disable',
        needsOperationToken: true,
        before:
          'Disabling DR replication on this secondary makes it a standalone cluster holding its current copy of the data. Making it a secondary again later wipes that data.',
        after: 'DR replication is disabled on this cluster.',
      },
      targets,
    ),
  ];
}
