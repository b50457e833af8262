// The desk: a writer's own stories, or for an editor everyone's, in six queues (drafts, in review,
// changes to published stories waiting for review, scheduled, published, withdrawn), each with its
// count, its own paging and the moves the API allows.
import * as api from './api.js';
import { h, append, replace, time, skeleton, emptyState, errorNotice } from './dom.js';
import { navigate, articleHref, profileHref } from './nav.js';
import { STATUS_LABELS, localTimeElement, workflowActions } from './workflow.js';

const PAGE_SIZE = 10;

const QUEUES = [
  { key: 'drafts', title: 'Drafts', empty: 'No drafts.' },
  { key: 'inReview', title: 'In review', empty: 'Nothing is waiting for review.' },
  { key: 'changesToReview', title: 'Changes to review', empty: 'No change to a published story is waiting.' },
  { key: 'scheduled', title: 'Scheduled', empty: 'Nothing is scheduled.' },
  { key: 'published', title: 'Published', empty: 'Nothing published yet.' },
  { key: 'withdrawn', title: 'Withdrawn', empty: 'Nothing withdrawn.' },
];

export async function deskPage(main) {
  document.title = 'Desk — Newsroom';
  if (!api.user()) {
    navigate('#/login');
    return null;
  }
  const editor = api.isEditor();
  const pages = Object.fromEntries(QUEUES.map(({ key }) => [key, 1]));
  const sections = Object.fromEntries(QUEUES.map((queue) => [queue.key, queueSection(queue)]));
  const area = h('div', { class: 'desk-queues' }, QUEUES.map(({ key }) => sections[key].element));
  const problem = h('div', { class: 'desk-problem' });

  replace(main, h('section', { class: 'page-wide desk' },
    h('h1', {}, 'Desk'),
    h('p', { class: 'lead' }, editor
      ? 'Every writer’s stories, by status. Stories in review wait oldest first; times are in your time zone.'
      : 'Your stories, by status: save a draft from the editor, submit it for review, and follow it until it is published. Times are in your time zone.'),
    h('p', {}, h('a', { class: 'button button-small', href: '#/editor' }, 'Write a story')),
    problem,
    area));

  /**
   * Loads every queue at its current page: one request per distinct page, since the API pages all
   * six queues alike. After a move the story changes queue, so everything is loaded again.
   */
  async function load() {
    replace(problem);
    const wanted = [...new Set(Object.values(pages))];
    let answers;
    try {
      answers = new Map(await Promise.all(wanted.map(async (page) =>
        [page, (await api.get(`/api/desk?limit=${PAGE_SIZE}&offset=${(page - 1) * PAGE_SIZE}`))?.desk || {}])));
    } catch (e) {
      replace(problem, errorNotice(e.unavailable
        ? 'The desk is unavailable right now.'
        : (e.messages()[0] || 'The desk could not be loaded.'), load));
      return;
    }
    for (const { key } of QUEUES) {
      sections[key].show(answers.get(pages[key])[key] || { articles: [], articlesCount: 0 }, pages[key]);
    }
  }

  function queueSection({ key, title, empty }) {
    const headingId = `desk-${key}-heading`;
    const count = h('span', { class: 'queue-count', 'data-testid': `count-${key}` });
    const body = h('div', { class: 'queue-body' }, skeleton(1, `Loading ${title.toLowerCase()}…`));
    const element = h('section', { class: 'desk-queue', 'aria-labelledby': headingId, 'data-testid': `queue-${key}` },
      h('h2', { id: headingId }, title, ' ', count),
      body);
    const show = (queue, page) => {
      const total = queue.articlesCount || 0;
      count.textContent = `(${total})`;
      const articles = queue.articles || [];
      if (articles.length === 0) {
        replace(body, emptyState(empty));
      } else {
        replace(body, h('ol', { class: 'desk-list' }, articles.map((article) => storyItem(article, key))));
      }
      append(body, [pager(key, page, Math.ceil(total / PAGE_SIZE))]);
    };
    return { element, show };
  }

  function pager(key, page, pagesCount) {
    if (pagesCount <= 1) return null;
    const go = (n) => {
      pages[key] = n;
      load();
    };
    return h('nav', { class: 'desk-pager', 'aria-label': `${QUEUES.find((q) => q.key === key).title}: pages` },
      h('button', { type: 'button', class: 'button button-outline button-small', disabled: page <= 1, onclick: () => go(page - 1) }, 'Newer'),
      h('span', {}, `Page ${page} of ${pagesCount}`),
      h('button', { type: 'button', class: 'button button-outline button-small', disabled: page >= pagesCount, onclick: () => go(page + 1) }, 'Older'));
  }

  function storyItem(article, queue) {
    const status = article.status || 'published';
    // A change to a published story is reviewed on the story's page, beside its diff.
    const moves = queue === 'changesToReview'
      ? h('p', {}, h('a', { class: 'button button-small', href: articleHref(article.slug), 'data-testid': 'review-change' }, 'Review the change'))
      : workflowActions(article, () => load());
    const author = article.author?.username || '';
    return h('li', { class: 'desk-story', 'data-testid': 'desk-story', dataset: { slug: article.slug } },
      h('h3', { class: 'desk-story-title' }, h('a', { href: articleHref(article.slug) }, article.title)),
      h('p', { class: 'desk-story-meta' },
        h('span', { class: `status-chip status-${status}` }, STATUS_LABELS[status] || status),
        ' by ', author ? h('a', { href: profileHref(author) }, author) : 'unknown author',
        dates(article, status)),
      moves);
  }

  load();
  return null;
}

/** The dates that matter for the story's status, in the reader's time zone. */
function dates(article, status) {
  if (status === 'scheduled') return [' · scheduled for ', localTimeElement(article.publishAt)];
  if (status === 'published') return [' · published ', time(article.createdAt, true)];
  const updated = article.updatedAt || article.createdAt;
  return updated ? [` · ${status === 'withdrawn' ? 'withdrawn' : 'last changed'} `, time(updated, true)] : [];
}
