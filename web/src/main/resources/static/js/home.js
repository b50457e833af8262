// The front page: latest articles (or the reader's feed), a tag filter, popular tags, popular posts.
import * as api from './api.js';
import { h, replace, skeleton, emptyState } from './dom.js';
import { articleList } from './articles.js';
import { popularBox } from './popular.js';
import { navigate } from './nav.js';

export async function homePage(main, { query }) {
  const tag = query.get('tag');
  const feed = query.get('feed') === '1' && api.user();
  const page = Math.max(1, parseInt(query.get('page') || '1', 10) || 1);
  document.title = tag ? `#${tag} — Newsroom` : 'Newsroom';

  const hashFor = (changes) => {
    const next = new URLSearchParams({ ...(tag ? { tag } : {}), ...(feed ? { feed: '1' } : {}), ...changes });
    [...next.keys()].forEach((key) => { if (!next.get(key)) next.delete(key); });
    const text = next.toString();
    return `#/${text ? `?${text}` : ''}`;
  };

  const tab = (label, href, current) => h('li', {}, h('a', {
    class: `feed-tab ${current ? 'is-current' : ''}`,
    href,
    'aria-current': current ? 'page' : false,
  }, label));

  const list = h('div', { class: 'list-area' });
  const tagsArea = h('div', { class: 'tags-area' }, skeleton(1, 'Loading tags…'));
  const popular = popularBox();

  replace(main,
    api.user() ? null : h('section', { class: 'hero' },
      h('h1', {}, 'The news, and the conversation around it'),
      h('p', {}, 'Read what matters today, see what everyone is reading right now, and join the discussion. ',
        h('a', { href: '#/register' }, 'Create a free account'), ' to comment, follow writers and get your own feed.')),
    h('div', { class: 'layout' },
      h('section', { class: 'main-column', 'aria-labelledby': 'list-heading' },
        h('h1', { id: 'list-heading', class: api.user() ? 'section-title' : 'visually-hidden' },
          tag ? `Articles tagged “${tag}”` : feed ? 'Your feed' : 'Latest news'),
        h('nav', { 'aria-label': 'Article lists' }, h('ul', { class: 'feed-tabs' },
          api.user() ? tab('Your feed', '#/?feed=1', feed && !tag) : null,
          tab('Latest', '#/', !feed && !tag),
          tag ? tab(`#${tag}`, hashFor({ feed: '', page: '' }), true) : null)),
        tag ? h('p', { class: 'filter-note' }, 'Showing articles tagged ', h('strong', {}, tag), '. ',
          h('a', { href: '#/' }, 'Clear the filter')) : null,
        list),
      h('div', { class: 'sidebar' },
        popular.element,
        h('section', { class: 'box', 'aria-labelledby': 'tags-heading' },
          h('h2', { id: 'tags-heading' }, 'Popular tags'),
          tagsArea))));

  const path = feed && !tag ? '/api/articles/feed' : `/api/articles${tag ? `?tag=${api.enc(tag)}` : ''}`;
  articleList(list, {
    path,
    page,
    empty: feed
      ? emptyState('Your feed is empty.', 'Follow writers and their new articles appear here.', h('a', { class: 'button button-small', href: '#/' }, 'Browse the latest news'))
      : emptyState('No articles yet.', tag ? 'Nothing carries this tag yet.' : 'Be the first to write one.', api.user() ? h('a', { class: 'button button-small', href: '#/editor' }, 'Write an article') : null),
    onPage: (n) => navigate(hashFor({ page: n > 1 ? String(n) : '' })),
  });

  api.get('/api/tags').then(({ tags }) => {
    if (!tags || tags.length === 0) {
      replace(tagsArea, h('p', { class: 'box-note' }, 'No tags yet.'));
      return;
    }
    replace(tagsArea, h('ul', { class: 'tag-cloud' }, tags.slice(0, 30).map((name) => h('li', {},
      h('a', { class: `tag ${name === tag ? 'is-current' : ''}`, href: `#/?tag=${encodeURIComponent(name)}`, 'aria-current': name === tag ? 'page' : false }, name)))));
  }).catch(() => replace(tagsArea, h('p', { class: 'box-note' }, 'Tags are unavailable right now.')));

  return popular.dispose;
}
