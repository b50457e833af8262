// A story's place in the desk's workflow (draft, in review, scheduled, published, withdrawn): its
// label, the moves the API allows from it, and the banner a story that is not public shows.
import * as api from './api.js';
import { h, replace, announce } from './dom.js';

export const STATUS_LABELS = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  withdrawn: 'Withdrawn',
};

// The scheduled time is shown in the reader's own time zone, named, so nobody has to convert it.
const localTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' });

/** A `<time>` in the reader's local time zone, with seconds and the zone's name. */
export function localTimeElement(iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return null;
  return h('time', { datetime: iso }, localTime.format(date));
}

/** The value of a `datetime-local` input ("2026-03-01T14:30", the reader's time) as an ISO instant, or null. */
export function localInputToInstant(value) {
  if (!value) return null;
  // A date-time without a zone is read as local time (ECMAScript's Date parsing rules).
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Whether the signed-in user may be offered moves on this story: its author or an editor. */
function mayMove(article) {
  const me = api.user();
  if (!me) return false;
  return api.isEditor() || me.username === article.author?.username;
}

/**
 * The buttons for the moves the API allows from the story's status, with their error beside them
 * as text. Under the default `open` policy an author is their own editor, so the author gets every
 * move too; the API refuses what the policy does not allow, and its reason is shown. `onMoved(article)`
 * receives the story as the API answers it after a move.
 */
export function workflowActions(article, onMoved) {
  if (!mayMove(article)) return null;
  const status = article.status || 'published';
  const error = h('p', { class: 'inline-error', role: 'alert', 'data-testid': 'workflow-error' });
  const box = h('div', { class: 'workflow-actions' });
  const buttons = () => box.querySelectorAll('button, input');
  const move = async (path, body, done) => {
    error.textContent = '';
    buttons().forEach((el) => { el.disabled = true; });
    try {
      const answer = await api.post(`/api/articles/${api.enc(article.slug)}/${path}`, body);
      announce(done);
      onMoved(answer?.article || article);
    } catch (e) {
      error.textContent = e.unavailable
        ? 'The desk is unavailable right now. Please try again shortly.'
        : (e.messages()[0] || `That did not work (${e.status}).`);
      buttons().forEach((el) => { el.disabled = false; });
    }
  };
  const button = (label, testid, onclick, extra = '') => h('button', {
    type: 'button', class: `button button-small ${extra}`, 'data-testid': testid, onclick,
  }, label);

  const parts = [];
  if (status === 'draft') {
    parts.push(button('Submit for review', 'submit-story', () => move('submit', undefined, 'Submitted for review')));
  }
  if (status === 'draft' || status === 'in_review' || status === 'scheduled') {
    parts.push(button('Publish now', 'publish-story', () => move('publish', undefined, 'Published'), 'button-outline'));
    const inputId = `publish-at-${article.slug}`;
    const when = h('input', { type: 'datetime-local', id: inputId, name: 'publishAt', step: 1, 'data-testid': 'publish-at' });
    parts.push(h('span', { class: 'schedule' },
      h('label', { for: inputId }, status === 'scheduled' ? 'New time (your local time)' : 'Publish at (your local time)'),
      when,
      button(status === 'scheduled' ? 'Reschedule' : 'Schedule', 'schedule-story', () => {
        const publishAt = localInputToInstant(when.value);
        if (!publishAt) {
          error.textContent = 'Choose the date and time to publish at.';
          when.focus();
          return;
        }
        move('schedule', { publishAt }, 'Scheduled');
      }, 'button-outline')));
  }
  if (status === 'published') {
    parts.push(button('Withdraw', 'withdraw-story', () => {
      if (!window.confirm(`Withdraw “${article.title}”? It leaves every page and cannot be published again.`)) return;
      move('withdraw', undefined, 'Withdrawn');
    }, 'button-danger'));
  }
  if (parts.length === 0) return null;
  return replace(box, parts, error);
}

/** What a story that is not public says about itself, for the article page; null when it is published. */
export function statusBanner(article, onMoved) {
  const status = article.status || 'published';
  if (status === 'published') return null;
  const seenBy = 'only you and the editors can see this';
  let text;
  if (status === 'draft') text = [`Draft — ${seenBy}.`];
  else if (status === 'in_review') text = [`In review — waiting for an editor; ${seenBy}.`];
  else if (status === 'scheduled') text = ['Scheduled for ', localTimeElement(article.publishAt), ` — ${seenBy} until then.`];
  else if (status === 'withdrawn') text = [`Withdrawn — no longer public; ${seenBy}.`];
  else text = [`${STATUS_LABELS[status] || status} — ${seenBy}.`];
  return h('div', { class: `status-banner status-${status}`, 'data-testid': 'status-banner' },
    h('p', { class: 'status-text' }, text),
    workflowActions(article, onMoved));
}
