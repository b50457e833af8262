// Corrections, clarifications and updates: the editors' notes under a story's title, which are part
// of its record and never edited away, and the form an editor appends one with.
import * as api from './api.js';
import { h, time, announce } from './dom.js';

/** What a note's kind reads as under the title. */
const KINDS = { correction: 'Correction', clarification: 'Clarification', update: 'Update' };
/** The API's limit on a note's text. */
const MAX_TEXT = 2000;

/** The notes on the story, oldest first, shown where every reader sees them; null when none. */
export function correctionNotes(corrections) {
  if (!Array.isArray(corrections) || corrections.length === 0) return null;
  return h('aside', { class: 'corrections', 'aria-label': 'Corrections and updates' },
    ...corrections.map((note) => h('p', { class: `correction correction-${note.kind}` },
      h('strong', {}, `${KINDS[note.kind] || 'Note'} `),
      time(note.at, true),
      ': ',
      note.text)));
}

/**
 * An editor's form for a new note on a published story (null for anyone else, or a story that is
 * not published: the API accepts notes only there). `onAdded()` reloads the page to show it.
 */
export function correctionForm(article, onAdded) {
  if (!api.isEditor() || (article.status || 'published') !== 'published') return null;
  const kindId = `correction-kind-${article.slug}`;
  const textId = `correction-text-${article.slug}`;
  const kind = h('select', { id: kindId, name: 'kind', 'data-testid': 'correction-kind' },
    Object.entries(KINDS).map(([value, label]) => h('option', { value }, label)));
  const text = h('textarea', { id: textId, name: 'text', rows: 3, maxlength: MAX_TEXT, required: true, 'data-testid': 'correction-text' });
  const error = h('p', { class: 'inline-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button button-small', 'data-testid': 'add-correction' }, 'Add the note');
  const form = h('form', { class: 'form correction-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: kindId }, 'Kind'), kind),
    h('div', { class: 'field' }, h('label', { for: textId }, 'Text, shown under the headline'), text),
    error,
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!text.value.trim()) {
      error.textContent = 'Write the note first.';
      text.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.post(`/api/articles/${api.enc(article.slug)}/corrections`, { correction: { kind: kind.value, text: text.value } });
      announce('The note is published under the headline');
      onAdded();
    } catch (e) {
      error.textContent = e.messages()[0] || `The note could not be added (${e.status}).`;
      submit.disabled = false;
    }
  });
  return h('details', { class: 'correction-box', 'data-testid': 'correction-box' },
    h('summary', {}, 'Add a correction, clarification or update'),
    h('p', { class: 'box-note' }, 'Notes are permanent: they cannot be edited or removed later.'),
    form);
}
