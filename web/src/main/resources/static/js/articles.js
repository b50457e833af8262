// Pieces every article view shares: previews, labels, tags, favourite and follow buttons, paging.
import * as api from './api.js';
import { h, replace, time, avatar, skeleton, emptyState, errorNotice, announce } from './dom.js';
import { navigate, articleHref, profileHref } from './nav.js';

/** Labels such as "Breaking news"; a breaking label gets the loud style. */
export function labelBadges(labels) {
  if (!Array.isArray(labels) || labels.length === 0) return null;
  return h('ul', { class: 'labels', 'aria-label': 'Labels' },
    labels.map((label) => h('li', { class: `label ${/breaking/i.test(label.name) ? 'label-breaking' : ''}` }, label.name)));
}

export function tagLinks(tags) {
  if (!Array.isArray(tags) || tags.length === 0) return null;
  return h('ul', { class: 'tag-list', 'aria-label': 'Tags' },
    tags.map((tag) => h('li', {}, h('a', { class: 'tag', href: `#/?tag=${encodeURIComponent(tag)}` }, tag))));
}

export function byline(article, extra) {
  const author = article.author || {};
  return h('div', { class: 'byline' },
    avatar(author),
    h('div', { class: 'byline-text' },
      h('a', { class: 'author', href: profileHref(author.username || '') }, author.username || 'Unknown author'),
      time(article.createdAt)),
    extra || null);
}

/**
 * A button that turns something on or off through the API (POST to turn on, DELETE to turn off),
 * with its error beside it. `isOn()` reads the state, `apply(body)` takes the API's answer,
 * `paint(button)` draws the button, `what` names the feature in messages.
 */
function toggleButton({ button, path, isOn, apply, paint, announceOn, announceOff, what }) {
  const error = h('span', { class: 'inline-error', role: 'alert' });
  const redraw = () => {
    button.setAttribute('aria-pressed', String(Boolean(isOn())));
    button.classList.toggle('is-active', Boolean(isOn()));
    paint(button);
  };
  button.addEventListener('click', async () => {
    error.textContent = '';
    if (!api.user()) {
      navigate('#/login');
      return;
    }
    button.disabled = true;
    try {
      apply(isOn() ? await api.del(path) : await api.post(path));
      redraw();
      announce(isOn() ? announceOn : announceOff);
    } catch (e) {
      error.textContent = e.unavailable ? `${what} is unavailable right now.` : (e.messages()[0] || `${what} could not be changed.`);
    } finally {
      button.disabled = false;
    }
  });
  redraw();
  return h('span', { class: 'action-with-error' }, button, error);
}

/** A favourite toggle with its count. */
export function favoriteButton(article, { compact = false } = {}) {
  const count = h('span', { class: 'fav-count' });
  return toggleButton({
    button: h('button', { type: 'button', class: 'button button-fav', 'data-testid': 'favorite' }),
    path: `/api/articles/${api.enc(article.slug)}/favorite`,
    isOn: () => article.favorited,
    apply: ({ article: updated }) => {
      article.favorited = updated.favorited;
      article.favoritesCount = updated.favoritesCount;
    },
    paint: (button) => {
      count.textContent = String(article.favoritesCount ?? 0);
      replace(button, h('span', { 'aria-hidden': 'true' }, article.favorited ? '♥ ' : '♡ '),
        compact ? null : (article.favorited ? 'Favourited ' : 'Favourite '),
        count);
      button.setAttribute('aria-label', `${article.favorited ? 'Unfavourite' : 'Favourite'} (${article.favoritesCount ?? 0} favourites)`);
    },
    announceOn: 'Added to your favourites',
    announceOff: 'Removed from your favourites',
    what: 'Favouriting',
  });
}

/** Follow / unfollow for a profile; none for the viewer's own profile. */
export function followButton(profile) {
  const me = api.user();
  if (!profile?.username || (me && me.username === profile.username)) return null;
  return toggleButton({
    button: h('button', { type: 'button', class: 'button button-outline button-small', 'data-testid': 'follow' }),
    path: `/api/profiles/${api.enc(profile.username)}/follow`,
    isOn: () => profile.following,
    apply: ({ profile: updated }) => { profile.following = updated.following; },
    paint: (button) => {
      button.textContent = profile.following ? `Following ${profile.username}` : `Follow ${profile.username}`;
    },
    announceOn: `You follow ${profile.username}`,
    announceOff: `You no longer follow ${profile.username}`,
    what: 'Following',
  });
}

export function articlePreview(article) {
  return h('article', { class: 'preview', 'data-testid': 'article-preview' },
    h('div', { class: 'preview-meta' }, byline(article), favoriteButton(article, { compact: true })),
    labelBadges(article.labels),
    h('h2', { class: 'preview-title' }, h('a', { href: articleHref(article.slug) }, article.title)),
    article.description ? h('p', { class: 'preview-description' }, article.description) : null,
    h('div', { class: 'preview-foot' },
      h('a', { class: 'read-more', href: articleHref(article.slug), 'aria-hidden': 'true', tabindex: '-1' }, 'Read more →'),
      tagLinks(article.tagList)));
}

/**
 * Loads a page of articles from `path` (which takes limit and offset) into `container`, with
 * loading, empty and error states and numbered paging. `onPage(n)` changes the page.
 */
export async function articleList(container, { path, page = 1, pageSize = 10, empty, onPage }) {
  replace(container, skeleton(3, 'Loading articles…'));
  const separator = path.includes('?') ? '&' : '?';
  let data;
  try {
    data = await api.get(`${path}${separator}limit=${pageSize}&offset=${(page - 1) * pageSize}`);
  } catch (e) {
    replace(container, errorNotice(e.unavailable
      ? 'Articles are unavailable right now. The rest of the page still works.'
      : (e.messages()[0] || 'Articles could not be loaded.'),
    () => articleList(container, { path, page, pageSize, empty, onPage })));
    return;
  }
  const articles = data?.articles || [];
  if (articles.length === 0) {
    replace(container, empty || emptyState('No articles here yet.'));
    return;
  }
  replace(container,
    h('div', { class: 'preview-list' }, articles.map(articlePreview)),
    pagination(page, Math.ceil((data.articlesCount || 0) / pageSize), onPage));
}

function pagination(current, pages, onPage) {
  if (!onPage || pages <= 1) return null;
  const items = [];
  for (let n = 1; n <= pages; n++) {
    if (pages > 9 && n !== 1 && n !== pages && Math.abs(n - current) > 2) {
      if (items[items.length - 1] !== '…') items.push('…');
      continue;
    }
    items.push(n);
  }
  return h('nav', { class: 'pagination', 'aria-label': 'Pages' },
    h('ul', {}, items.map((n) => h('li', {}, n === '…'
      ? h('span', { class: 'ellipsis' }, '…')
      : h('button', {
        type: 'button',
        class: `page-link ${n === current ? 'is-current' : ''}`,
        'aria-current': n === current ? 'page' : false,
        'aria-label': `Page ${n}`,
        onclick: () => onPage(n),
      }, String(n))))));
}
