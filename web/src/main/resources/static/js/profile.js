// A writer's profile: picture, bio, follow button, their articles and their favourites.
import * as api from './api.js';
import { h, replace, skeleton, avatar, emptyState, errorNotice } from './dom.js';
import { articleList, followButton } from './articles.js';
import { navigate, profileHref } from './nav.js';

export async function profilePage(main, { params: [username, tab], query }) {
  document.title = `${username} — Newsroom`;
  replace(main, h('section', { class: 'page-wide' }, skeleton(3, 'Loading the profile…')));
  let profile;
  try {
    ({ profile } = await api.get(`/api/profiles/${api.enc(username)}`));
  } catch (e) {
    replace(main, h('section', { class: 'page-narrow' },
      h('h1', {}, e.status === 404 ? 'No such writer' : 'The profile could not be loaded'),
      e.status === 404 ? h('p', {}, 'Nobody here goes by that name. ', h('a', { href: '#/' }, 'Back to the front page'), '.')
        : errorNotice('Profiles are unavailable right now.', () => navigate(window.location.hash))));
    return null;
  }
  const favorites = tab === 'favorites';
  const page = Math.max(1, parseInt(query.get('page') || '1', 10) || 1);
  const mine = api.user()?.username === profile.username;
  const list = h('div', { class: 'list-area' });
  const tabLink = (label, href, current) => h('li', {}, h('a', { class: `feed-tab ${current ? 'is-current' : ''}`, href, 'aria-current': current ? 'page' : false }, label));
  const here = profileHref(profile.username) + (favorites ? '/favorites' : '');

  replace(main,
    h('section', { class: 'profile-head' },
      avatar(profile, 'large'),
      h('h1', {}, profile.username),
      profile.bio ? h('p', { class: 'bio' }, profile.bio) : null,
      mine ? h('a', { class: 'button button-outline button-small', href: '#/settings' }, 'Edit your profile') : followButton(profile)),
    h('section', { class: 'page-wide', 'aria-label': favorites ? 'Favourited articles' : 'Articles' },
      h('nav', { 'aria-label': 'Profile lists' }, h('ul', { class: 'feed-tabs' },
        tabLink(mine ? 'Your articles' : 'Articles', profileHref(profile.username), !favorites),
        tabLink('Favourited', `${profileHref(profile.username)}/favorites`, favorites))),
      list));

  articleList(list, {
    path: `/api/articles?${favorites ? 'favorited' : 'author'}=${api.enc(profile.username)}`,
    page,
    empty: emptyState(favorites ? 'No favourites yet.' : 'No articles yet.',
      favorites ? `${mine ? 'You have' : `${profile.username} has`} not favourited anything yet.` : `${mine ? 'You have' : `${profile.username} has`} not published anything yet.`,
      mine && !favorites ? h('a', { class: 'button button-small', href: '#/editor' }, 'Write an article') : null),
    onPage: (n) => navigate(n > 1 ? `${here}?page=${n}` : here),
  });
  return null;
}
