// The "📡 Breaking news" strip at the top of every page: the alerts showing now, kept current by
// the alert stream, each until its expiresAt, until an editor clears it, or until this reader hides
// it for the rest of the visit. It lives outside <main>, so moving between pages never touches it.
import * as api from './api.js';
import { h, replace, announce } from './dom.js';
import { articleHref } from './nav.js';

/** A stream the server refused (no route, 503) is closed by the browser: this long until trying again. */
const RETRY_MS = 15000;
/** Alerts this reader hid, for this tab's visit (a new visit shows them again while they last). */
const HIDDEN_KEY = 'newsroom.hiddenAlerts';
/** setTimeout's longest wait; an alert further out is looked at again then. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** slug → {slug, headline, raisedAt, expiresAt}. */
const showing = new Map();
let strip = null;
let source = null;
let expiryTimer = null;
/** Whether the stream has been open before: a reopened stream may have missed clearings meanwhile. */
let opened = false;
/** When this page started: alerts raised before it are shown, but not announced on every page load. */
const pageStartedAt = Date.now();
/** Leeway for a server clock a little ahead of or behind the reader's. */
const CLOCK_LEEWAY_MS = 5000;

function hidden() {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(HIDDEN_KEY) || '[]'));
  } catch {
    return new Set();
  }
}

function hide(slug) {
  const slugs = hidden();
  slugs.add(slug);
  sessionStorage.setItem(HIDDEN_KEY, JSON.stringify([...slugs]));
  paint();
}

function expired(alert, now = Date.now()) {
  const until = Date.parse(alert.expiresAt);
  return Number.isFinite(until) && until <= now;
}

/** The alerts to show now, newest first; expired ones are forgotten. */
function current() {
  const now = Date.now();
  for (const [slug, alert] of showing) if (expired(alert, now)) showing.delete(slug);
  const skip = hidden();
  return [...showing.values()]
    .filter((alert) => !skip.has(alert.slug))
    .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
}

/** Wakes up at the next expiry, so a strip disappears at its time with no message from the server. */
function scheduleExpiry() {
  clearTimeout(expiryTimer);
  const next = Math.min(...[...showing.values()].map((alert) => Date.parse(alert.expiresAt)).filter(Number.isFinite));
  if (!Number.isFinite(next)) return;
  expiryTimer = setTimeout(paint, Math.min(Math.max(next - Date.now(), 0) + 50, LONGEST_TIMER_MS));
}

async function clearAlert(alert, button, error) {
  button.disabled = true;
  error.textContent = '';
  try {
    await api.del(`/api/alerts/${api.enc(alert.slug)}`);
    showing.delete(alert.slug);
    paint();
  } catch (e) {
    if (e.status === 404 && e.errors.alert) {
      showing.delete(alert.slug); // already cleared, by another editor or the story's withdrawal
      paint();
      return;
    }
    error.textContent = e.messages()[0] || 'The alert could not be cleared.';
    button.disabled = false;
  }
}

function alertItem(alert) {
  const error = h('span', { class: 'inline-error', role: 'alert' });
  const clear = api.isEditor()
    ? h('button', { type: 'button', class: 'strip-button', 'data-testid': 'clear-alert' }, 'Clear for everyone')
    : null;
  if (clear) clear.addEventListener('click', () => clearAlert(alert, clear, error));
  return h('li', { class: 'breaking-item', 'data-testid': 'breaking-alert', dataset: { slug: alert.slug } },
    h('span', { class: 'breaking-kicker' }, h('span', { 'aria-hidden': 'true' }, '📡 '), 'Breaking news'),
    h('a', { class: 'breaking-link', href: articleHref(alert.slug) }, alert.headline),
    clear,
    h('button', {
      type: 'button', class: 'strip-button', 'aria-label': `Hide “${alert.headline}”`, onclick: () => hide(alert.slug),
    }, 'Hide'),
    error);
}

function paint() {
  if (!strip) return;
  const alerts = current();
  strip.hidden = alerts.length === 0;
  replace(strip, alerts.length ? h('ul', { class: 'breaking-list' }, alerts.map(alertItem)) : null);
  scheduleExpiry();
}

function raised(alert) {
  if (!alert?.slug || expired(alert)) return;
  const isNew = !showing.has(alert.slug);
  showing.set(alert.slug, alert);
  paint();
  const raisedSincePageStarted = Date.parse(alert.raisedAt) > pageStartedAt - CLOCK_LEEWAY_MS;
  if (isNew && raisedSincePageStarted && !hidden().has(alert.slug)) announce(`Breaking news: ${alert.headline}`);
}

function cleared(slug) {
  if (showing.delete(slug)) paint();
}

/** After a reconnection: the alerts showing now, replacing what this page believed. */
async function reconcile() {
  try {
    const body = await api.get('/api/alerts');
    showing.clear();
    (body?.alerts || []).forEach((alert) => { if (!expired(alert)) showing.set(alert.slug, alert); });
    paint();
  } catch {
    // Keep what is showing; the stream's own events bring it up to date.
  }
}

function open() {
  const stream = new EventSource('/api/alerts/stream');
  const data = (handler) => (event) => {
    try {
      handler(JSON.parse(event.data));
    } catch {
      // an event this page cannot read changes nothing
    }
  };
  stream.addEventListener('alert-raised', data(raised));
  stream.addEventListener('alert-cleared', data((change) => cleared(change.slug)));
  stream.addEventListener('open', () => {
    if (opened) reconcile();
    opened = true;
    strip.dataset.live = 'true'; // says the page is receiving alerts (tests wait for it)
  });
  stream.addEventListener('error', () => {
    delete strip.dataset.live;
    if (stream.readyState === EventSource.CLOSED && source === stream) {
      source = null;
      setTimeout(() => { if (!source) source = open(); }, RETRY_MS);
    }
  });
  return stream;
}

/**
 * Starts the strip in `element` (once per page load): the stream sends the alerts showing now and
 * then every alert raised or cleared, so no separate read is needed.
 */
export function startBreakingStrip(element) {
  if (strip) return;
  strip = element;
  strip.hidden = true;
  source = open();
  // An editor's "Clear" button comes and goes with the session.
  api.onSessionChange(paint);
}
