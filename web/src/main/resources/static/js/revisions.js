// A story's history for its author and the editors: the pending revision waiting for review, with
// its diff against the live story and (for editors) the move that publishes it; then every saved
// revision, newest first, with the body's diff against the one before and (for editors) a restore.
import * as api from './api.js';
import { h, replace, append, time, announce, pluralise } from './dom.js';
import { profileHref } from './nav.js';

const PAGE_SIZE = 10;

/** A unified diff as lines coloured by what they do; text only, never markup. */
export function diffView(diff, label) {
  if (!diff) return h('p', { class: 'box-note' }, 'The body did not change.');
  const kind = (line) => {
    if (line.startsWith('+++') || line.startsWith('---')) return 'diff-file';
    if (line.startsWith('@@')) return 'diff-hunk';
    if (line.startsWith('+')) return 'diff-added';
    if (line.startsWith('-')) return 'diff-removed';
    return 'diff-context';
  };
  return h('pre', { class: 'diff', 'aria-label': label, 'data-testid': 'diff' },
    diff.split('\n').filter((line) => line.length > 0).map((line) => h('span', { class: kind(line) }, line)));
}

function savedBy(revision) {
  const name = revision.by?.username;
  return name ? h('a', { href: profileHref(name) }, name) : 'unknown';
}

/** What changed, in words: "title and body", or "restored revision 3". */
function changes(revision) {
  const fields = revision.fields || [];
  const what = fields.length ? fields.map((field) => (field === 'tagList' ? 'tags' : field)).join(', ') : 'nothing in the text';
  return revision.restoredFrom !== undefined && revision.restoredFrom !== null ? `restored revision ${revision.restoredFrom} (${what})` : what;
}

/**
 * The history panel: null for a reader who is neither the author nor an editor (the API refuses
 * them the history anyway). `onChanged()` reloads the page after a restore or a publication.
 */
export function historyPanel(article, onChanged) {
  const me = api.user();
  const editor = api.isEditor();
  if (!me || (!editor && me.username !== article.author?.username)) return null;
  const base = `/api/articles/${api.enc(article.slug)}`;
  const pendingArea = h('div', { class: 'pending-area' });
  const list = h('ol', { class: 'revision-list', 'data-testid': 'revision-list' });
  const more = h('div', { class: 'revision-more' });
  const note = h('p', { class: 'box-note', role: 'status' }, 'Loading the history…');
  const element = h('section', { class: 'history', 'aria-labelledby': 'history-heading', 'data-testid': 'history' },
    h('h2', { id: 'history-heading' }, 'History'),
    pendingArea, note, list, more);
  let loaded = 0;

  /** A move with its error shown beside the button; `done` is announced, then the page reloads. */
  const action = (label, testid, path, done, extra = '') => {
    const error = h('span', { class: 'inline-error', role: 'alert' });
    const button = h('button', { type: 'button', class: `button button-small ${extra}`, 'data-testid': testid }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      error.textContent = '';
      try {
        await api.post(`${base}/${path}`);
        announce(done);
        onChanged();
      } catch (e) {
        error.textContent = e.messages()[0] || `That did not work (${e.status}).`;
        button.disabled = false;
      }
    });
    return h('span', { class: 'action-with-error' }, button, error);
  };

  function pendingBox(pending) {
    return h('div', { class: 'pending-revision', 'data-testid': 'pending-revision' },
      h('h3', {}, 'A change waits for an editor'),
      h('p', { class: 'revision-meta' }, 'By ', savedBy(pending), ', ', time(pending.at, true), ' · changes ', changes(pending),
        '. Readers see the story as it is until it is published.'),
      pending.fields?.includes('title') ? h('p', {}, 'New headline: ', h('strong', {}, pending.title)) : null,
      diffView(pending.bodyDiff, 'The pending change to the body, against the live story'),
      editor ? action('Publish this change', 'publish-pending', 'publish', 'The change is live') : null);
  }

  function revisionItem(revision, newest) {
    return h('li', { class: 'revision', 'data-testid': 'revision', dataset: { number: String(revision.number) } },
      h('details', {},
        h('summary', {},
          // Plain text: a link inside a summary would take a click meant to open the revision.
          h('strong', {}, `Revision ${revision.number}`), ' · ', time(revision.at, true), ' · ', revision.by?.username || 'unknown',
          ' · ', changes(revision)),
        h('p', { class: 'revision-meta' }, 'Headline then: ', h('em', {}, revision.title)),
        diffView(revision.bodyDiff, `Revision ${revision.number}: the body against the revision before`),
        editor && !newest
          ? action('Restore this version', 'restore-revision', `revisions/${revision.number}/restore`, `Revision ${revision.number} restored`, 'button-outline')
          : null));
  }

  async function load() {
    let body;
    try {
      body = await api.get(`${base}/revisions?limit=${PAGE_SIZE}&offset=${loaded}`);
    } catch (e) {
      if (e.status === 403 || e.status === 404) {
        element.remove();
        return;
      }
      note.textContent = 'The history is unavailable right now.';
      return;
    }
    const revisions = body?.revisions || [];
    if (loaded === 0) {
      replace(pendingArea, body?.pending ? pendingBox(body.pending) : null);
    }
    append(list, revisions.map((revision, i) => revisionItem(revision, loaded === 0 && i === 0)));
    loaded += revisions.length;
    const total = body?.revisionsCount || 0;
    note.textContent = total ? `${pluralise(total, 'revision', 'revisions')}, newest first.` : 'No revisions are recorded.';
    replace(more, loaded < total
      ? h('button', { type: 'button', class: 'button button-outline button-small', onclick: load }, 'Older revisions')
      : null);
  }

  load();
  return element;
}
