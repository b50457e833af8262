// Sign in, sign up and settings.
import * as api from './api.js';
import { h, replace } from './dom.js';
import { field, formErrors, showErrors, clearErrors, busy } from './forms.js';
import { navigate } from './nav.js';

function authForm({ title, switchText, switchHref, switchLabel, fields, submitLabel, send }) {
  const submit = h('button', { type: 'submit', class: 'button button-wide' }, submitLabel);
  const form = h('form', { class: 'form', novalidate: true }, formErrors(), fields, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    await busy(submit, 'Please wait…', async () => {
      try {
        const { user } = await send();
        api.signIn(user);
        navigate('#/');
      } catch (e) {
        showErrors(form, e);
      }
    });
  });
  return h('section', { class: 'page-narrow auth' },
    h('h1', {}, title),
    h('p', {}, switchText, ' ', h('a', { href: switchHref }, switchLabel)),
    form);
}

export async function signInPage(main) {
  document.title = 'Sign in — Newsroom';
  const email = field('email', 'Email', { type: 'email', autocomplete: 'email', required: true });
  const password = field('password', 'Password', { type: 'password', autocomplete: 'current-password', required: true });
  replace(main, authForm({
    title: 'Sign in',
    switchText: 'New here?',
    switchHref: '#/register',
    switchLabel: 'Create an account',
    fields: [email, password],
    submitLabel: 'Sign in',
    send: () => api.post('/api/users/login', { user: { email: email.control.value.trim(), password: password.control.value } }),
  }));
  email.control.focus();
}

export async function signUpPage(main) {
  document.title = 'Sign up — Newsroom';
  const username = field('username', 'Username', { autocomplete: 'username', required: true });
  const email = field('email', 'Email', { type: 'email', autocomplete: 'email', required: true });
  const password = field('password', 'Password', { type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 8 characters.' });
  replace(main, authForm({
    title: 'Sign up',
    switchText: 'Have an account?',
    switchHref: '#/login',
    switchLabel: 'Sign in',
    fields: [username, email, password],
    submitLabel: 'Create account',
    send: () => api.post('/api/users', { user: { username: username.control.value.trim(), email: email.control.value.trim(), password: password.control.value } }),
  }));
  username.control.focus();
}

export async function settingsPage(main) {
  document.title = 'Settings — Newsroom';
  const me = api.user();
  if (!me) {
    navigate('#/login');
    return null;
  }
  const image = field('image', 'Picture (URL)', { type: 'url', value: me.image || '', placeholder: 'https://…' });
  const username = field('username', 'Username', { value: me.username, autocomplete: 'username' });
  const bio = field('bio', 'Short bio', { multiline: true, rows: 4, value: me.bio || '' });
  const email = field('email', 'Email', { type: 'email', value: me.email, autocomplete: 'email' });
  const password = field('password', 'New password', { type: 'password', autocomplete: 'new-password', hint: 'Leave empty to keep your password.' });
  const status = h('p', { class: 'form-status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Save settings');
  const form = h('form', { class: 'form', novalidate: true }, formErrors(), image, username, bio, email, password, submit, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    status.textContent = '';
    const changes = {
      image: image.control.value.trim() || null,
      username: username.control.value.trim(),
      bio: bio.control.value,
      email: email.control.value.trim(),
    };
    if (password.control.value) changes.password = password.control.value;
    await busy(submit, 'Saving…', async () => {
      try {
        const { user } = await api.put('/api/user', { user: changes });
        api.signIn(user);
        password.control.value = '';
        status.textContent = 'Your settings are saved.';
      } catch (e) {
        showErrors(form, e);
      }
    });
  });
  replace(main, h('section', { class: 'page-narrow' },
    h('h1', {}, 'Your settings'),
    form,
    h('hr'),
    h('button', {
      type: 'button',
      class: 'button button-outline button-danger-outline',
      onclick: () => {
        api.signOut();
        navigate('#/');
      },
    }, 'Sign out')));
  return null;
}
