// The moderators' queue: comments held for review, oldest first, to approve or reject.
import * as api from './api.js';
import { h, append, replace, skeleton, relativeTime, avatar, emptyState, errorNotice, announce } from './dom.js';
import { navigate, articleHref, profileHref } from './nav.js';

export async function moderationPage(main) {
  document.title = 'Moderation — Newsroom';
  if (!api.user()) {
    navigate('#/login');
    return null;
  }
  const list = h('ol', { class: 'moderation-list' });
  const area = h('div', { class: 'list-area' }, skeleton(3, 'Loading held comments…'));
  const more = h('div', { class: 'more-comments' });
  let cursor = null;

  replace(main, h('section', { class: 'page-wide' },
    h('h1', {}, 'Moderation'),
    h('p', { class: 'lead' }, 'Comments held for review, oldest first. Approving publishes a comment; rejecting keeps it hidden from everyone but its author.'),
    area,
    more));

  async function load(after) {
    try {
      const page = await api.get(`/api/moderation/comments?limit=20${after ? `&after=${api.enc(after)}` : ''}`);
      const comments = page?.comments || [];
      cursor = page?.nextCursor || null;
      if (!after) {
        if (comments.length === 0) {
          replace(area, emptyState('Nothing is waiting for review.', 'Held comments appear here.'));
          replace(more);
          return;
        }
        replace(list);
        replace(area, list);
      }
      comments.forEach((comment) => list.append(heldItem(comment)));
      replace(more, cursor ? h('button', { type: 'button', class: 'button button-outline', onclick: () => load(cursor) }, 'Show more') : null);
    } catch (e) {
      if (e.status === 403) {
        replace(area, errorNotice('Only moderators can see this page.'));
      } else {
        replace(area, errorNotice(e.unavailable ? 'Moderation is unavailable right now.' : (e.messages()[0] || 'The queue could not be loaded.'), () => load(null)));
      }
    }
  }

  function heldItem(comment) {
    const author = comment.author || {};
    const error = h('p', { class: 'inline-error', role: 'alert' });
    const item = h('li', { class: 'held-comment', 'data-testid': 'held-comment' });
    const decide = async (decision, button) => {
      error.textContent = '';
      item.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      try {
        await api.post(`/api/moderation/comments/${comment.id}/${decision}`);
        replace(item, h('p', { class: 'decided' }, decision === 'approve' ? 'Approved and published.' : 'Rejected.'));
        announce(decision === 'approve' ? 'Comment approved' : 'Comment rejected');
      } catch (e) {
        error.textContent = e.messages()[0] || 'That did not work; please try again.';
        item.querySelectorAll('button').forEach((b) => { b.disabled = false; });
        button.focus();
      }
    };
    const approve = h('button', { type: 'button', class: 'button button-small', onclick: (e) => decide('approve', e.currentTarget) }, 'Approve');
    const reject = h('button', { type: 'button', class: 'button button-danger button-small', onclick: (e) => decide('reject', e.currentTarget) }, 'Reject');
    return append(item, [
      h('div', { class: 'comment-head' },
        avatar(author),
        h('a', { class: 'author', href: profileHref(author.username || '') }, author.username || 'Someone'),
        relativeTime(comment.createdAt),
        comment.article ? h('span', { class: 'on-article' }, 'on ', h('a', { href: articleHref(comment.article.slug) }, comment.article.title || comment.article.slug)) : null),
      comment.moderation?.reasons?.length ? h('p', { class: 'reasons' }, `Held because it ${comment.moderation.reasons.join('; ')}.`) : null,
      h('p', { class: 'comment-body' }, comment.body ?? ''),
      h('div', { class: 'comment-actions' }, approve, reject),
      error]);
  }

  load(null);
  return null;
}

