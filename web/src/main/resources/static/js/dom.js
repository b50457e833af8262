// Building the page with DOM APIs only: text from the API always becomes a text node, never markup.

/**
 * Creates an element. `attrs` keys: `class`, `text`, `on<Event>` handlers, `dataset`, boolean
 * attributes as true/false, anything else as an attribute. Children may be nodes, strings (text),
 * arrays, or null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces every child of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A `<time>` element: the machine-readable instant plus a readable date. */
export function time(iso, withTime = false) {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return h('time', { datetime: iso, title: timeFormat.format(date) }, (withTime ? timeFormat : dateFormat).format(date));
}

/** "3 minutes ago" for recent times, a date otherwise. */
export function relativeTime(iso) {
  const date = new Date(iso);
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  let label;
  if (seconds < 45) label = 'just now';
  else if (seconds < 3600) label = `${Math.round(seconds / 60)} min ago`;
  else if (seconds < 86400) label = `${Math.round(seconds / 3600)} h ago`;
  else label = dateFormat.format(date);
  return h('time', { datetime: iso, title: timeFormat.format(date) }, label);
}

/** Tells screen-reader users about something that changed without moving their focus. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = message; }, 50);
}

/** A round avatar: the user's image, or their initial on a coloured disc. */
export function avatar(profile, size = 'small') {
  const name = profile?.username || '?';
  if (profile?.image && /^https?:\/\//i.test(profile.image)) {
    return h('img', { class: `avatar avatar-${size}`, src: profile.image, alt: '', width: size === 'large' ? 96 : 32, height: size === 'large' ? 96 : 32, loading: 'lazy' });
  }
  let hue = 0;
  for (const ch of name) hue = (hue * 31 + ch.codePointAt(0)) % 360;
  const disc = h('span', { class: `avatar avatar-${size} avatar-initial`, 'aria-hidden': 'true' }, name.charAt(0).toUpperCase());
  disc.style.setProperty('--hue', String(hue));
  return disc;
}

/** Loading placeholder rows of fixed height, so content arriving later does not move the page. */
export function skeleton(rows = 3, label = 'Loading…') {
  return h('div', { class: 'skeleton', role: 'status' },
    h('span', { class: 'visually-hidden' }, label),
    Array.from({ length: rows }, () => h('div', { class: 'skeleton-row', 'aria-hidden': 'true' })));
}

export function emptyState(title, text, action) {
  return h('div', { class: 'empty-state' }, h('p', { class: 'empty-title' }, title), text ? h('p', {}, text) : null, action || null);
}

export function errorNotice(text, retry) {
  return h('div', { class: 'notice notice-error', role: 'alert' },
    h('p', {}, text),
    retry ? h('button', { type: 'button', class: 'button button-small', onclick: retry }, 'Try again') : null);
}

export function pluralise(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}
