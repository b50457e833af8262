// "Ask about this article": a question answered from the article's own text, with the passages
// it came from shown as quoted highlights.
import * as api from './api.js';
import { h, replace } from './dom.js';
import { field, formErrors, showErrors, clearErrors, busy } from './forms.js';

export function askBox(article) {
  const question = field('question', 'Your question', { maxlength: 500, placeholder: 'What does this mean for…?', autocomplete: 'off' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Ask');
  const answer = h('div', { class: 'ask-answer', 'aria-live': 'polite', 'data-testid': 'ask-answer' });
  const form = h('form', { class: 'ask-form', novalidate: true }, formErrors(), question, submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const text = question.control.value.trim();
    if (!text) {
      showErrors(form, { status: 422, errors: { question: ["can't be blank"] } });
      return;
    }
    replace(answer, h('p', { class: 'box-note', role: 'status' }, 'Looking through the article…'));
    await busy(submit, 'Asking…', async () => {
      try {
        const { answer: result } = await api.post(`/api/articles/${api.enc(article.slug)}/ask`, { question: text });
        showAnswer(answer, result, article);
      } catch (e) {
        replace(answer);
        if (e.unavailable) {
          replace(answer, h('p', { class: 'notice' }, 'The assistant is unavailable right now. The article is all here, though.'));
        } else {
          showErrors(form, e);
        }
      }
    });
  });

  return h('section', { class: 'box ask-box', 'aria-labelledby': 'ask-heading' },
    h('h2', { id: 'ask-heading' }, 'Ask about this article'),
    h('p', { class: 'hint' }, 'Answers come from the text of this article only.'),
    form,
    answer);
}

function showAnswer(area, result, article) {
  const passages = Array.isArray(result?.passages) ? result.passages : [];
  replace(area,
    h('p', { class: result?.answered ? 'answer-text' : 'answer-text answer-none' },
      result?.text || (result?.answered ? '' : 'The article does not seem to answer that.')),
    passages.length ? h('div', { class: 'passages' },
      h('p', { class: 'passages-title' }, 'From the article:'),
      passages.map((passage) => h('blockquote', { class: 'passage' },
        h('mark', {}, passageText(passage, article))))) : null);
}

/** The passage's own text, or the slice of the Markdown body its offsets point at. */
function passageText(passage, article) {
  if (passage.text) return passage.text;
  if (typeof article.body === 'string' && Number.isInteger(passage.start) && Number.isInteger(passage.end)) {
    return article.body.slice(passage.start, passage.end);
  }
  return '';
}
