// The "Popular posts" box (24 hours / 7 days / 30 days / all time) and "Trending now", both kept
// current by the trending stream. Space is reserved for the lists, so live updates never move the page.
import * as api from './api.js';
import { h, replace, pluralise } from './dom.js';
import { articleHref } from './nav.js';

const WINDOWS = [['24h', '24 hours'], ['7d', '7 days'], ['30d', '30 days'], ['all', 'All time']];
const LIMIT = 5;

/** One trending stream for the whole app; boxes subscribe and unsubscribe. */
const stream = {
  source: null,
  subscribers: new Set(),
  subscribe(listener) {
    this.subscribers.add(listener);
    if (!this.source) this.open();
    return () => {
      this.subscribers.delete(listener);
      if (this.subscribers.size === 0 && this.source) {
        this.source.close();
        this.source = null;
      }
    };
  },
  open() {
    const source = new EventSource('/api/trending/stream');
    source.addEventListener('trending-changed', (event) => {
      let ranking;
      try {
        ranking = JSON.parse(event.data);
      } catch {
        return;
      }
      this.subscribers.forEach((listener) => listener({ type: 'ranking', ranking }));
    });
    source.addEventListener('open', () => this.subscribers.forEach((listener) => listener({ type: 'live' })));
    source.addEventListener('error', () => {
      this.subscribers.forEach((listener) => listener({ type: 'paused' }));
      // A stream the server refused (no route, 503) is closed by the browser: retry gently.
      if (source.readyState === EventSource.CLOSED && this.source === source) {
        this.source = null;
        setTimeout(() => { if (this.subscribers.size && !this.source) this.open(); }, 15000);
      }
    });
    this.source = source;
  },
};

function rankingItem(entry) {
  const stats = [];
  if (entry.views) stats.push(pluralise(entry.views, 'view', 'views'));
  if (entry.comments) stats.push(pluralise(entry.comments, 'comment', 'comments'));
  if (entry.favorites) stats.push(pluralise(entry.favorites, 'favourite', 'favourites'));
  return h('li', { class: 'ranking-item', 'data-slug': entry.slug },
    h('span', { class: 'rank', 'aria-hidden': 'true' }, String(entry.rank ?? '')),
    h('div', { class: 'ranking-text' },
      h('a', { href: articleHref(entry.slug) }, entry.title || entry.slug),
      stats.length ? h('span', { class: 'ranking-stats' }, stats.join(' · ')) : null));
}

/** Fills a reserved list area with a ranking, an empty note, or an unavailable note. */
function paintList(area, state, emptyText) {
  if (state.error) {
    replace(area, h('p', { class: 'box-note box-unavailable' }, state.error));
  } else if (!state.articles) {
    replace(area, h('p', { class: 'box-note', role: 'status' }, 'Loading…'));
  } else if (state.articles.length === 0) {
    replace(area, h('p', { class: 'box-note' }, emptyText));
  } else {
    replace(area, h('ol', { class: 'ranking' }, state.articles.slice(0, LIMIT).map(rankingItem)));
  }
}

async function fetchRanking(query, what) {
  try {
    const body = await api.get(`/api/trending?${query}&limit=${LIMIT}`);
    return { articles: body?.articles || [] };
  } catch (e) {
    return { error: e.status === 422 ? 'This ranking is not available.' : `${what} unavailable right now. Everything else works.` };
  }
}

/**
 * The sidebar boxes. `initial` may carry a ranking the page already has (page composition).
 * Returns { element, dispose }.
 */
export function popularBox({ initial } = {}) {
  let window = '7d';
  const popular = { articles: null };
  const hot = { articles: null };
  const popularArea = h('div', { class: 'ranking-area', id: 'popular-list', role: 'tabpanel', 'aria-label': 'Popular posts in the chosen period', 'aria-live': 'polite', 'data-testid': 'popular-list' });
  const hotArea = h('div', { class: 'ranking-area', 'aria-live': 'polite', 'data-testid': 'hot-list' });
  const liveStatus = h('span', { class: 'live-status', 'data-testid': 'live-status' }, 'Connecting…');

  const tabs = WINDOWS.map(([value, label]) => h('button', {
    type: 'button',
    role: 'tab',
    class: 'tab',
    'aria-controls': 'popular-list',
    dataset: { window: value },
    onclick: () => choose(value),
    onkeydown: (event) => moveBetweenTabs(event),
  }, label));

  function paintTabs() {
    tabs.forEach((tab) => {
      const selected = tab.dataset.window === window;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    });
  }

  function moveBetweenTabs(event) {
    const index = tabs.indexOf(event.currentTarget);
    let next = null;
    if (event.key === 'ArrowRight') next = tabs[(index + 1) % tabs.length];
    if (event.key === 'ArrowLeft') next = tabs[(index - 1 + tabs.length) % tabs.length];
    if (next) {
      event.preventDefault();
      next.focus();
      choose(next.dataset.window);
    }
  }

  async function choose(value) {
    window = value;
    paintTabs();
    Object.assign(popular, { articles: null, error: null });
    paintList(popularArea, popular, '');
    const fetched = await fetchRanking(`ranking=popular&window=${value}`, 'Popular posts are');
    if (window !== value) return;
    Object.assign(popular, { articles: null, error: null }, fetched);
    paintList(popularArea, popular, 'Nothing has been read in this period yet.');
  }

  const element = h('aside', { class: 'box popular-box', 'aria-labelledby': 'popular-heading', 'data-testid': 'popular-box' },
    h('div', { class: 'box-head' }, h('h2', { id: 'popular-heading' }, 'Popular posts'), liveStatus),
    h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Period' }, tabs),
    popularArea,
    h('h2', { class: 'box-subhead' }, 'Trending now'),
    hotArea);

  paintTabs();
  if (initial && Array.isArray(initial.articles) && initial.window === '7d') {
    popular.articles = initial.articles;
    paintList(popularArea, popular, 'Nothing has been read in this period yet.');
  } else {
    choose(window);
  }
  paintList(hotArea, hot, '');
  fetchRanking('ranking=hot', 'Trending is').then((fetched) => {
    Object.assign(hot, fetched);
    paintList(hotArea, hot, 'Nothing is trending right now.');
  });

  const unsubscribe = stream.subscribe((message) => {
    if (message.type === 'live') {
      liveStatus.textContent = 'Live';
      liveStatus.classList.add('is-live');
    } else if (message.type === 'paused') {
      liveStatus.textContent = 'Updates paused';
      liveStatus.classList.remove('is-live');
    } else if (message.type === 'ranking') {
      const { ranking } = message;
      if (ranking.tag) return;
      if (ranking.name === `popular:${window}` || (ranking.ranking === 'popular' && ranking.window === window)) {
        Object.assign(popular, { articles: ranking.articles || [], error: null });
        paintList(popularArea, popular, 'Nothing has been read in this period yet.');
      } else if (ranking.name === 'hot' || (ranking.ranking === 'hot' && !ranking.tag)) {
        Object.assign(hot, { articles: ranking.articles || [], error: null });
        paintList(hotArea, hot, 'Nothing is trending right now.');
      }
    }
  });

  return { element, dispose: unsubscribe };
}
