// The comment section: threaded replies, posting, editing within the window, deleting, the
// held-for-review notice to its author, and comments from other readers arriving live.
import * as api from './api.js';
import { h, replace, relativeTime, avatar, skeleton, errorNotice, announce, pluralise } from './dom.js';
import { field, formErrors, showErrors, clearErrors, busy } from './forms.js';
import { profileHref } from './nav.js';

const PAGE = 50;
const EDIT_WINDOW_MS = 15 * 60 * 1000;
const MAX_DEPTH = 3;

export function commentSection(article, { initial, unavailable }) {
  const slug = article.slug;
  const base = `/api/articles/${api.enc(slug)}/comments`;
  /** Comments in thread order, as the API gives them. */
  let comments = [];
  let nextCursor = null;
  let source = null;
  let disposed = false;

  const heading = h('h2', { id: 'comments-heading' }, 'Comments');
  const liveStatus = h('span', { class: 'live-status', 'data-testid': 'comments-live-status' }, '');
  const list = h('ol', { class: 'comment-list', 'data-testid': 'comment-list', 'aria-labelledby': 'comments-heading' });
  const listArea = h('div', { class: 'comment-area' }, skeleton(2, 'Loading comments…'));
  const more = h('div', { class: 'more-comments' });
  // Created after the functions below are defined (it uses them); hidden while comments are down.
  const postArea = h('div', { class: 'post-area' });
  const element = h('section', { class: 'comments', id: 'comments', 'aria-labelledby': 'comments-heading' },
    h('div', { class: 'box-head' }, heading, liveStatus),
    postArea,
    listArea,
    more);

  function canDelete(comment) {
    const me = api.user();
    if (!me || comment.deleted) return false;
    return comment.author?.username === me.username || article.author?.username === me.username || api.isModerator();
  }

  function canEdit(comment) {
    const me = api.user();
    return Boolean(me && !comment.deleted && comment.author?.username === me.username
      && Date.now() - new Date(comment.createdAt).getTime() < EDIT_WINDOW_MS);
  }

  function paintCount() {
    const visible = comments.filter((c) => !c.deleted && (c.status ?? 'published') === 'published').length;
    heading.textContent = visible ? `Comments (${visible}${nextCursor ? '+' : ''})` : 'Comments';
  }

  function paintList() {
    postArea.hidden = false;
    if (comments.length === 0) {
      replace(listArea, h('p', { class: 'empty-comments' }, api.user() ? 'No comments yet. Start the conversation.' : 'No comments yet.'));
    } else {
      replace(list, comments.map(renderComment));
      replace(listArea, list);
    }
    replace(more, nextCursor ? h('button', { type: 'button', class: 'button button-outline', onclick: loadMore }, 'Show more comments') : null);
    paintCount();
  }

  function renderComment(comment) {
    const depth = Math.min(comment.depth ?? 0, MAX_DEPTH);
    const item = h('li', { class: `comment depth-${depth}`, id: `comment-${comment.id}`, dataset: { id: String(comment.id) }, 'data-testid': 'comment' });
    if (comment.deleted) {
      replace(item, h('p', { class: 'comment-deleted' }, 'This comment was deleted.'));
      return item;
    }
    const author = comment.author || {};
    const status = comment.status ?? 'published';
    const bodyText = h('p', { class: 'comment-body', 'data-testid': 'comment-body' }, comment.body ?? '');
    const error = h('p', { class: 'inline-error', role: 'alert' });
    const actions = h('div', { class: 'comment-actions' });
    const replyArea = h('div', { class: 'reply-area' });

    if (api.user() && depth < MAX_DEPTH && status === 'published') {
      actions.append(h('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false', onclick: (event) => toggleReply(event.currentTarget, comment, replyArea) }, 'Reply'));
    }
    if (canEdit(comment)) {
      actions.append(h('button', { type: 'button', class: 'link-button', onclick: () => startEdit(comment, item, bodyText, error) }, 'Edit'));
    }
    if (canDelete(comment)) {
      actions.append(h('button', { type: 'button', class: 'link-button link-danger', onclick: (event) => remove(comment, event.currentTarget, error) }, 'Delete'));
    }

    replace(item,
      h('div', { class: 'comment-head' },
        avatar(author),
        h('a', { class: 'author', href: profileHref(author.username || '') }, author.username || 'Someone'),
        relativeTime(comment.createdAt),
        comment.editedAt ? h('span', { class: 'edited' }, '(edited)') : null),
      status !== 'published' ? moderationNotice(comment) : null,
      bodyText,
      actions,
      error,
      replyArea);
    return item;
  }

  function moderationNotice(comment) {
    const reasons = comment.moderation?.reasons || [];
    const held = comment.status === 'held';
    return h('div', { class: `notice ${held ? 'notice-held' : 'notice-error'}`, 'data-testid': 'held-notice' },
      h('strong', {}, held ? 'Held for review. ' : 'Not published. '),
      held ? 'Only you and the moderators can see this comment until a moderator approves it.' : 'A moderator rejected this comment; only you can see it.',
      reasons.length ? h('span', { class: 'reasons' }, ` Reason: ${reasons.join('; ')}.`) : null);
  }

  function toggleReply(button, parent, area) {
    if (area.firstChild) {
      replace(area);
      button.setAttribute('aria-expanded', 'false');
      button.focus();
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    const form = commentForm({
      label: `Reply to ${parent.author?.username || 'this comment'}`,
      submitLabel: 'Post reply',
      parentId: parent.id,
      onDone: () => {
        replace(area);
        button.setAttribute('aria-expanded', 'false');
      },
      onCancel: () => {
        replace(area);
        button.setAttribute('aria-expanded', 'false');
        button.focus();
      },
    });
    replace(area, form);
    form.querySelector('textarea').focus();
  }

  function startEdit(comment, item, bodyText, error) {
    const editor = field('body', 'Edit your comment', { multiline: true, rows: 3, value: comment.body, maxlength: 5000 });
    const save = h('button', { type: 'submit', class: 'button button-small' }, 'Save');
    const form = h('form', { class: 'comment-form edit-form', novalidate: true }, formErrors(), editor,
      h('div', { class: 'form-actions' }, save,
        h('button', { type: 'button', class: 'button button-outline button-small', onclick: () => form.replaceWith(bodyText) }, 'Cancel')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      await busy(save, 'Saving…', async () => {
        try {
          const { comment: updated } = await api.put(`${base}/${comment.id}`, { comment: { body: editor.control.value } });
          upsert(updated);
          announce('Comment updated');
        } catch (e) {
          showErrors(form, e);
        }
      });
    });
    bodyText.replaceWith(form);
    editor.control.focus();
    error.textContent = '';
  }

  async function remove(comment, button, error) {
    if (!window.confirm('Delete this comment?')) return;
    button.disabled = true;
    error.textContent = '';
    try {
      await api.del(`${base}/${comment.id}`);
      markDeleted(comment.id);
      announce('Comment deleted');
    } catch (e) {
      error.textContent = e.unavailable ? 'Comments are unavailable right now.' : (e.messages()[0] || 'The comment could not be deleted.');
      button.disabled = false;
    }
  }

  function commentForm({ label, submitLabel, parentId, onDone, onCancel }) {
    const body = field('body', label, { multiline: true, rows: parentId ? 3 : 4, maxlength: 5000, placeholder: parentId ? '' : 'Share your view. Be kind and stay on topic.' });
    const submit = h('button', { type: 'submit', class: 'button', 'data-testid': parentId ? 'post-reply' : 'post-comment' }, submitLabel);
    const form = h('form', { class: 'comment-form', novalidate: true }, formErrors(), body,
      h('div', { class: 'form-actions' }, submit,
        onCancel ? h('button', { type: 'button', class: 'button button-outline', onclick: onCancel }, 'Cancel') : null));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      if (!body.control.value.trim()) {
        showErrors(form, { status: 422, errors: { body: ["can't be blank"] } });
        return;
      }
      await busy(submit, 'Posting…', async () => {
        try {
          const payload = { body: body.control.value };
          if (parentId) payload.parentId = parentId;
          const { comment } = await api.post(base, { comment: payload });
          body.control.value = '';
          upsert(comment, { mine: true });
          announce(comment.status === 'held' ? 'Your comment is held for review by a moderator' : 'Your comment was posted');
          onDone?.();
        } catch (e) {
          showErrors(form, e);
        }
      });
    });
    return form;
  }

  function newCommentForm() {
    if (!api.user()) {
      return h('p', { class: 'sign-in-prompt' }, h('a', { href: '#/login' }, 'Sign in'), ' or ', h('a', { href: '#/register' }, 'sign up'), ' to join the conversation.');
    }
    return commentForm({ label: 'Add a comment', submitLabel: 'Post comment' });
  }

  /** Adds a comment in thread order (a reply after its parent's last descendant) or updates it. */
  function upsert(comment, { mine = false } = {}) {
    const index = comments.findIndex((c) => c.id === comment.id);
    if (index >= 0) {
      const before = comments[index];
      comments[index] = { ...before, ...comment };
      // The stream echoes our own posts: redraw only a real change, so an open reply form survives.
      if (shownAs(before) !== shownAs(comments[index])) {
        list.querySelector(`[data-id="${comment.id}"]`)?.replaceWith(renderComment(comments[index]));
      }
      paintCount();
      return;
    }
    let at = comments.length;
    if (comment.parentId != null) {
      const parent = comments.findIndex((c) => c.id === comment.parentId);
      if (parent < 0 && !mine) return;
      if (parent >= 0) {
        const depth = comments[parent].depth ?? 0;
        at = parent + 1;
        while (at < comments.length && (comments[at].depth ?? 0) > depth) at++;
      }
    } else if (nextCursor && !mine) {
      // Not every page is shown yet: a new top-level comment belongs after them, so "Show more" brings it.
      paintCount();
      return;
    }
    comments.splice(at, 0, comment);
    if (comments.length === 1) {
      paintList();
    } else {
      const node = renderComment(comment);
      const after = list.children[at - 1];
      if (after) after.after(node); else list.prepend(node);
    }
    paintCount();
    if (!mine) {
      flash(comment.id);
    }
  }

  function flash(id) {
    const node = list.querySelector(`[data-id="${id}"]`);
    if (node) {
      node.classList.add('is-new');
      setTimeout(() => node.classList.remove('is-new'), 4000);
    }
  }

  /** What a comment's rendering depends on. */
  function shownAs(comment) {
    return JSON.stringify([comment.body, comment.editedAt, comment.status, comment.deleted, comment.author?.username, comment.moderation?.reasons]);
  }

  function markDeleted(id) {
    const index = comments.findIndex((c) => c.id === id);
    if (index < 0) return;
    const hasReplies = index + 1 < comments.length && (comments[index + 1].depth ?? 0) > (comments[index].depth ?? 0);
    if (hasReplies) {
      comments[index] = { id, deleted: true, depth: comments[index].depth, parentId: comments[index].parentId };
      list.querySelector(`[data-id="${id}"]`)?.replaceWith(renderComment(comments[index]));
    } else {
      comments.splice(index, 1);
      list.querySelector(`[data-id="${id}"]`)?.remove();
      if (comments.length === 0) paintList();
    }
    paintCount();
  }

  async function loadFirst() {
    try {
      const page = await api.get(`${base}?limit=${PAGE}`);
      comments = page?.comments || [];
      nextCursor = page?.nextCursor || null;
      paintList();
    } catch (e) {
      showUnavailable(e);
    }
  }

  async function loadMore(event) {
    const button = event.currentTarget;
    await busy(button, 'Loading…', async () => {
      try {
        const page = await api.get(`${base}?limit=${PAGE}&after=${api.enc(nextCursor)}`);
        const known = new Set(comments.map((c) => c.id));
        comments = comments.concat((page?.comments || []).filter((c) => !known.has(c.id)));
        nextCursor = page?.nextCursor || null;
        paintList();
      } catch (e) {
        replace(more, errorNotice('More comments could not be loaded.', () => { replace(more); loadFirst(); }));
      }
    });
  }

  function showUnavailable(e) {
    postArea.hidden = true;
    replace(listArea, errorNotice(
      !e || e.unavailable ? 'Comments are unavailable right now. The article is all here, and comments will be back soon.' : 'Comments could not be loaded.',
      () => { replace(listArea, skeleton(2, 'Loading comments…')); loadFirst(); }));
  }

  async function withProfile(comment) {
    try {
      const page = await api.get(base);
      return (page?.comments || []).find((c) => c.id === comment.id) || comment;
    } catch {
      return comment;
    }
  }

  function openStream() {
    const stream = new EventSource(`${base}/stream`);
    source = stream;
    const handle = (kind) => (event) => {
      let comment;
      try {
        comment = JSON.parse(event.data).comment;
      } catch {
        return;
      }
      if (!comment) return;
      if (kind === 'deleted' || comment.deleted) {
        markDeleted(comment.id);
        return;
      }
      if (!comment.author && comment.authorId) {
        // A stream that carries only the author's id: the list endpoint has the profile.
        withProfile(comment).then((full) => applyLive(kind, full));
        return;
      }
      applyLive(kind, comment);
    };
    const applyLive = (kind, comment) => {
      const known = comments.some((c) => c.id === comment.id);
      upsert(comment);
      if (kind === 'posted' && !known && comments.some((c) => c.id === comment.id)) {
        announce(`New comment from ${comment.author?.username || 'a reader'}`);
      }
    };
    stream.addEventListener('comment-posted', handle('posted'));
    stream.addEventListener('comment-edited', handle('edited'));
    stream.addEventListener('comment-deleted', handle('deleted'));
    stream.addEventListener('open', () => {
      liveStatus.textContent = 'Live';
      liveStatus.classList.add('is-live');
    });
    stream.addEventListener('error', () => {
      liveStatus.textContent = stream.readyState === EventSource.CLOSED ? 'Live updates unavailable' : 'Reconnecting…';
      liveStatus.classList.remove('is-live');
      if (stream.readyState === EventSource.CLOSED && source === stream) {
        setTimeout(() => { if (!disposed) openStream(); }, 20000);
      }
    });
  }

  postArea.append(newCommentForm());
  if (initial && Array.isArray(initial.comments)) {
    comments = initial.comments;
    nextCursor = initial.nextCursor || null;
    paintList();
  } else if (unavailable) {
    showUnavailable(null);
  } else {
    loadFirst();
  }
  openStream();

  return {
    element,
    dispose() {
      disposed = true;
      source?.close();
    },
  };
}
