import { ApiError, call, errorText, session } from './api.js';
import { button, field, h, notice, replace } from './dom.js';

/** Sign in with a token or with userpass; the token is checked with auth/token/lookup-self. */
export function signInView(onSignedIn: () => void): HTMLElement {
  const method = h(
    'select',
    { name: 'method' },
    h('option', { value: 'token' }, 'Token'),
    h('option', { value: 'userpass' }, 'Userpass'),
  );
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'off' });
  const mount = h('input', { type: 'text', name: 'mount', value: 'userpass', autocomplete: 'off' });
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password' });
  const tokenFields = h('div', {}, field('Token', token));
  const userpassFields = h(
    'div',
    { hidden: true },
    field('Username', username),
    field('Password', password),
    field('Mount path', mount),
  );
  const message = h('div', { 'aria-live': 'polite' });

  method.addEventListener('change', () => {
    tokenFields.hidden = method.value !== 'token';
    userpassFields.hidden = method.value !== 'userpass';
  });

  const submit = async () => {
    replace(message);
    try {
      let candidate = token.value.trim();
      if (method.value === 'userpass') {
        const path = `auth/${encodeURIComponent(mount.value.trim() || 'userpass')}/login/${encodeURIComponent(username.value.trim())}`;
        const login = await call(path, { body: { password: password.value }, anonymous: true });
        candidate = String((login.auth as { client_token?: unknown } | undefined)?.client_token ?? '');
      }
      if (candidate === '') throw new Error('enter a token');
      session.set(candidate);
      await call('auth/token/lookup-self');
      password.value = '';
      token.value = '';
      onSignedIn();
    } catch (error) {
      session.clear();
      const text =
        error instanceof ApiError && error.status === 403
          ? 'permission denied: the token is not valid here'
          : errorText(error);
      replace(message, notice('error', `Sign in failed: ${text}`));
    }
  };

  const form = h(
    'form',
    { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in to hvr'),
    field('Method', method),
    tokenFields,
    userpassFields,
    button('Sign In', submit, { type: 'submit' }),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
  });
  return form;
}
