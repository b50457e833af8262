// One article: labels, byline with follow, source, cover, the sanitised body, favourite, the
// "Ask about this article" box, the live comment section and the popular posts box.
import * as api from './api.js';
import { h, replace, skeleton, errorNotice } from './dom.js';
import { labelBadges, tagLinks, byline, favoriteButton, followButton } from './articles.js';
import { commentSection } from './comments.js';
import { askBox } from './ask.js';
import { popularBox } from './popular.js';
import { navigate } from './nav.js';
import { statusBanner, workflowActions } from './workflow.js';
import { correctionNotes, correctionForm } from './corrections.js';
import { historyPanel } from './revisions.js';

/**
 * The page composition endpoint answers everything at once; if it is not there or fails, the
 * article and its comments are asked for separately, so the page works either way.
 */
async function load(slug) {
  const path = `/api/articles/${api.enc(slug)}`;
  try {
    const page = await api.get(`/api/pages/articles/${api.enc(slug)}`);
    if (page?.article) {
      return {
        article: page.article,
        comments: page.comments ?? null,
        commentsMissing: (page.missing || []).includes('comments') || !page.comments,
        popular: page.popular ?? null,
      };
    }
  } catch (e) {
    if (e.status === 404 && e.errors.article) throw e;
  }
  const { article } = await api.get(path);
  return { article, comments: null, commentsMissing: false, popular: null };
}

export async function articlePage(main, { params: [slug] }) {
  replace(main, h('div', { class: 'layout' }, h('div', { class: 'main-column' }, skeleton(6, 'Loading the article…'))));
  let data;
  try {
    data = await load(slug);
  } catch (e) {
    document.title = 'Not found — Newsroom';
    replace(main, h('section', { class: 'page-narrow' },
      e.status === 404
        ? [h('h1', {}, 'Article not found'), h('p', {}, 'It may have been removed. ', h('a', { href: '#/' }, 'Back to the front page'), '.')]
        : [h('h1', {}, 'The article could not be loaded'), errorNotice('The article service is unavailable right now.', () => navigate(window.location.hash))]));
    return null;
  }
  const { article } = data;
  document.title = `${article.title} — Newsroom`;
  const me = api.user();
  const mine = me && article.author && me.username === article.author.username;

  const body = h('div', { class: 'article-body', 'data-testid': 'article-body' });
  if (article.bodyHtml) {
    // bodyHtml is rendered from Markdown and sanitised by article-service's allow-list: the one
    // place HTML from the API is inserted. Everything else is text.
    body.innerHTML = article.bodyHtml;
    body.querySelectorAll('a[href]').forEach((a) => { a.rel = 'noopener noreferrer nofollow'; });
  } else {
    article.body?.split(/\n{2,}/).forEach((paragraph) => body.append(h('p', {}, paragraph)));
  }

  const ownerActions = mine ? h('span', { class: 'owner-actions' },
    h('a', { class: 'button button-outline button-small', href: `#/editor/${encodeURIComponent(article.slug)}` }, 'Edit article'),
    deleteArticleButton(article)) : null;

  // A story that is not public (a draft, in review, scheduled, withdrawn) is seen only by its author
  // and the editors: it says so at the top, with the moves they can make; readers' features
  // (favourites, questions, comments) wait until it is published.
  const published = (article.status || 'published') === 'published';
  const reload = () => navigate(window.location.hash);
  const banner = statusBanner(article, reload);
  const withdraw = published ? workflowActions(article, reload) : null;
  const comments = published
    ? commentSection(article, { initial: data.comments, unavailable: data.commentsMissing && !data.comments })
    : null;
  const popular = popularBox({ initial: data.popular });

  replace(main, h('div', { class: 'layout' },
    h('article', { class: 'main-column article', 'aria-labelledby': 'article-title' },
      banner,
      h('header', { class: 'article-head' },
        labelBadges(article.labels),
        h('h1', { id: 'article-title', class: 'article-title' }, article.title),
        article.description ? h('p', { class: 'standfirst' }, article.description) : null,
        correctionNotes(article.corrections),
        h('div', { class: 'article-meta' },
          byline(article, followButton(article.author)),
          h('div', { class: 'article-actions' }, published ? favoriteButton(article) : null, ownerActions, withdraw)),
        article.source?.name ? h('p', { class: 'source' }, 'Source: ',
          article.source.url && /^https?:\/\//i.test(article.source.url)
            ? h('a', { href: article.source.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, article.source.name)
            : article.source.name) : null),
      article.coverImage && /^https?:\/\//i.test(article.coverImage)
        ? h('figure', { class: 'cover' }, h('img', { src: article.coverImage, alt: '', width: 1200, height: 630, loading: 'lazy' }))
        : null,
      body,
      tagLinks(article.tagList),
      correctionForm(article, reload),
      historyPanel(article, reload),
      published ? askBox(article) : null,
      comments ? comments.element : null),
    h('div', { class: 'sidebar' }, popular.element)));

  return () => {
    if (comments) comments.dispose();
    popular.dispose();
  };
}

function deleteArticleButton(article) {
  const error = h('span', { class: 'inline-error', role: 'alert' });
  const button = h('button', {
    type: 'button',
    class: 'button button-danger button-small',
    onclick: async () => {
      if (!window.confirm(`Delete “${article.title}”? This cannot be undone.`)) return;
      button.disabled = true;
      try {
        await api.del(`/api/articles/${api.enc(article.slug)}`);
        navigate('#/');
      } catch (e) {
        error.textContent = e.messages()[0] || 'The article could not be deleted.';
        button.disabled = false;
      }
    },
  }, 'Delete article');
  return h('span', { class: 'action-with-error' }, button, error);
}
