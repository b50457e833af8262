// Forms whose API errors appear next to the field they belong to, announced to screen readers.
import { h, replace } from './dom.js';

let fieldCounter = 0;

/**
 * A labelled field. `name` is the API's field name, so a 422 {"errors":{name:[…]}} lands under it.
 * Returns the wrapper; the control is `wrapper.control`.
 */
export function field(name, label, { type = 'text', multiline = false, rows = 4, hint, value = '', ...attrs } = {}) {
  const id = `f-${name.replace(/\W/g, '-')}-${++fieldCounter}`;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const control = multiline
    ? h('textarea', { id, name, rows, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), ...attrs })
    : h('input', { id, name, type, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), ...attrs });
  control.value = value ?? '';
  const wrapper = h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
    h('p', { class: 'field-error', id: errorId, 'aria-live': 'polite' }));
  wrapper.control = control;
  return wrapper;
}

/** The area at the top of a form for errors that belong to no single field. */
export function formErrors() {
  return h('div', { class: 'form-errors', role: 'alert', 'aria-live': 'assertive' });
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const summary = form.querySelector('.form-errors');
  if (summary) replace(summary);
}

/**
 * Puts each message of an ApiError under its field (matching `data-field`, or an alias), and the
 * rest in the form's summary. Focuses the first invalid control.
 */
export function showErrors(form, error, aliases = {}) {
  clearErrors(form);
  const summary = form.querySelector('.form-errors');
  const leftovers = [];
  let first = null;
  for (const [apiField, list] of Object.entries(error.errors || {})) {
    const fieldName = aliases[apiField] || apiField;
    const wrapper = form.querySelector(`[data-field="${CSS.escape(fieldName)}"]`);
    const messages = Array.isArray(list) ? list : [String(list)];
    if (wrapper) {
      const label = wrapper.querySelector('label')?.textContent || fieldName;
      wrapper.querySelector('.field-error').textContent = `${label} ${messages.join(', ')}`;
      const control = wrapper.control || wrapper.querySelector('input, textarea, select');
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        first = first || control;
      }
    } else {
      leftovers.push(...messages.map((m) => humanMessage(apiField, m)));
    }
  }
  if (error.status === 429) {
    leftovers.push(`Too many attempts. Please wait ${error.retryAfter ? `${error.retryAfter} seconds` : 'a little'} and try again.`);
  } else if (Object.keys(error.errors || {}).length === 0) {
    leftovers.push(error.unavailable ? 'The service is unavailable right now. Please try again shortly.' : `Something went wrong (${error.status}).`);
  }
  if (summary && leftovers.length) {
    replace(summary, h('ul', {}, [...new Set(leftovers)].map((m) => h('li', {}, m))));
  }
  if (first) first.focus();
  else if (summary) summary.focus?.();
}

function humanMessage(field, message) {
  if (field === 'service') return 'The service is unavailable right now. Please try again shortly.';
  if (field === 'token') return 'Please sign in again: your session has ended.';
  if (field === 'role') return `Only moderators can do this (${message}).`;
  if (field === 'credentials' || field === 'email or password') {
    return message === 'invalid' || message === 'is invalid' ? 'Email or password is invalid.' : `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  }
  return `${field.charAt(0).toUpperCase()}${field.slice(1)} ${message}`;
}

/** Disables a form's submit button while a request runs, with a busy label. */
export async function busy(button, busyLabel, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyLabel;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}
