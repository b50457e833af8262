// Newsroom's web front end: hash routes (#/article/slug), so the gateway serves one static page.
import * as api from './js/api.js';
import { h, replace } from './js/dom.js';
import { homePage } from './js/home.js';
import { articlePage } from './js/article.js';
import { signInPage, signUpPage, settingsPage } from './js/account.js';
import { editorPage } from './js/editor.js';
import { profilePage } from './js/profile.js';
import { moderationPage } from './js/moderation.js';
import { deskPage } from './js/desk.js';
import { startBreakingStrip } from './js/alerts.js';

const routes = [
  [/^\/$/, homePage],
  [/^\/article\/([^/]+)$/, articlePage],
  [/^\/login$/, signInPage],
  [/^\/register$/, signUpPage],
  [/^\/settings$/, settingsPage],
  [/^\/editor$/, editorPage],
  [/^\/editor\/([^/]+)$/, editorPage],
  [/^\/profile\/([^/]+)$/, profilePage],
  [/^\/profile\/([^/]+)\/(favorites)$/, profilePage],
  [/^\/moderation$/, moderationPage],
  [/^\/desk$/, deskPage],
];

let cleanup = null;

/** The current hash as a path, its captured parts and its query. */
function location() {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(query) };
}

async function render() {
  const { path, query } = location();
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  const main = document.getElementById('main');
  let page = null;
  let params = [];
  for (const [pattern, handler] of routes) {
    const match = pattern.exec(path);
    if (match) {
      page = handler;
      params = match.slice(1).map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
      break;
    }
  }
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  if (!page) {
    document.title = 'Not found — Newsroom';
    replace(main, h('section', { class: 'page-narrow' },
      h('h1', {}, 'Page not found'),
      h('p', {}, 'There is nothing at this address. ', h('a', { href: '#/' }, 'Back to the front page'), '.')));
  } else {
    try {
      cleanup = await page(main, { params, query });
    } catch (error) {
      console.error(error);
      replace(main, h('section', { class: 'page-narrow' },
        h('h1', {}, 'Something went wrong'),
        h('p', {}, 'This page could not be shown. Please reload, or go back to the ', h('a', { href: '#/' }, 'front page'), '.')));
    }
  }
  main.removeAttribute('aria-busy');
  markCurrentNav(path);
}

function renderNav(user) {
  const nav = document.getElementById('nav');
  const link = (href, label, extra = {}) => h('li', {}, h('a', { href, ...extra }, label));
  if (user) {
    replace(nav,
      link('#/', 'Home'),
      link('#/editor', 'New article'),
      link('#/desk', 'Desk'),
      api.isModerator() ? link('#/moderation', 'Moderation') : null,
      link('#/settings', 'Settings'),
      link(`#/profile/${encodeURIComponent(user.username)}`, user.username, { class: 'nav-user', 'data-testid': 'nav-user' }));
  } else {
    replace(nav, link('#/', 'Home'), link('#/login', 'Sign in'), link('#/register', 'Sign up'));
  }
  markCurrentNav(location().path);
}

function markCurrentNav(path) {
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.getAttribute('href') === `#${path}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

api.onSessionChange(renderNav);
// A page change moves focus to the main region, so keyboard and screen-reader users start there.
window.addEventListener('hashchange', () => {
  render().then(() => {
    const main = document.getElementById('main');
    if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  });
});

renderNav(null);
startBreakingStrip(document.getElementById('breaking-strip'));
api.restoreSession().finally(render);
