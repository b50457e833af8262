// Writing and editing an article: title, standfirst, Markdown body, tags, labels, source, cover.
import * as api from './api.js';
import { h, replace, skeleton, errorNotice } from './dom.js';
import { field, formErrors, showErrors, clearErrors, busy } from './forms.js';
import { navigate, articleHref } from './nav.js';

const BREAKING = 'Breaking news';

const splitList = (text) => [...new Set(text.split(',').map((part) => part.trim()).filter(Boolean))];

export async function editorPage(main, { params: [slug] }) {
  document.title = `${slug ? 'Edit article' : 'New article'} — Newsroom`;
  if (!api.user()) {
    navigate('#/login');
    return null;
  }
  let article = { title: '', description: '', body: '', tagList: [], labels: [], source: null, coverImage: '' };
  if (slug) {
    replace(main, h('section', { class: 'page-wide' }, skeleton(5, 'Loading the article…')));
    try {
      ({ article } = await api.get(`/api/articles/${api.enc(slug)}`));
    } catch (e) {
      replace(main, h('section', { class: 'page-wide' }, h('h1', {}, 'Edit article'),
        errorNotice(e.status === 404 ? 'That article does not exist.' : 'The article could not be loaded.')));
      return null;
    }
  }
  const labelNames = (article.labels || []).map((label) => label.name);
  const title = field('title', 'Headline', { value: article.title, required: true, maxlength: 200 });
  const description = field('description', 'Standfirst', { value: article.description, required: true, maxlength: 500, hint: 'One sentence that tells readers what the story is.' });
  const body = field('body', 'Article', { multiline: true, rows: 14, value: article.body, required: true, hint: 'Markdown: **bold**, _italic_, [links](https://…), lists and > quotes.' });
  const tags = field('tagList', 'Tags', { value: (article.tagList || []).join(', '), hint: 'Separate tags with commas, for example: politics, climate.' });
  const breakingId = 'breaking-news';
  const breaking = h('input', { type: 'checkbox', id: breakingId, name: 'breaking' });
  breaking.checked = labelNames.includes(BREAKING);
  const otherLabels = field('labels', 'Other labels', { value: labelNames.filter((n) => n !== BREAKING).join(', '), hint: 'Optional, comma separated, for example: Analysis, Opinion.' });
  const sourceName = field('source', 'Source name', { value: article.source?.name || '', hint: 'Where the story comes from, if not our own reporting.' });
  const sourceUrl = field('sourceUrl', 'Source link', { type: 'url', value: article.source?.url || '', placeholder: 'https://…' });
  const cover = field('coverImage', 'Cover image (URL)', { type: 'url', value: article.coverImage || '', placeholder: 'https://…' });
  const submit = h('button', { type: 'submit', class: 'button', 'data-testid': 'publish' }, slug ? 'Save changes' : 'Publish article');
  // A new story may start as a draft, seen only by its author and the editors until it moves on the desk.
  const draft = slug ? null : h('button', { type: 'submit', class: 'button button-outline', 'data-testid': 'save-draft', value: 'draft' }, 'Save as draft');
  // A published story's edit may wait for an editor instead of going live at once (a pending revision).
  const live = slug && (article.status || 'published') === 'published';
  const review = live ? h('button', { type: 'submit', class: 'button button-outline', 'data-testid': 'save-pending' }, 'Save for review') : null;

  const form = h('form', { class: 'form editor', novalidate: true },
    formErrors(),
    title, description, body, tags,
    h('fieldset', { class: 'fieldset' },
      h('legend', {}, 'Labels'),
      h('div', { class: 'checkbox' }, breaking, h('label', { for: breakingId }, 'Breaking news')),
      otherLabels),
    h('fieldset', { class: 'fieldset' },
      h('legend', {}, 'Attribution'),
      sourceName, sourceUrl, cover),
    h('div', { class: 'form-actions' }, submit, draft, review, h('a', { class: 'button button-outline', href: slug ? articleHref(slug) : '#/' }, 'Cancel')),
    review ? h('p', { class: 'hint' }, 'Save for review keeps the story as readers see it until an editor publishes the change (labels, source and cover still change at once, so leave them as they are).') : null);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const asDraft = Boolean(draft) && event.submitter === draft;
    const forReview = Boolean(review) && event.submitter === review;
    const labels = splitList(otherLabels.control.value).filter((n) => n !== BREAKING).map((name) => ({ name }));
    if (breaking.checked) labels.unshift({ name: BREAKING });
    const name = sourceName.control.value.trim();
    const url = sourceUrl.control.value.trim();
    const payload = {
      title: title.control.value,
      description: description.control.value,
      body: body.control.value,
      tagList: splitList(tags.control.value),
      labels,
      source: name || url ? { name, ...(url ? { url } : {}) } : null,
      coverImage: cover.control.value.trim() || null,
      ...(asDraft ? { status: 'draft' } : {}),
      ...(forReview ? { pending: true } : {}),
    };
    let pressed = submit;
    if (asDraft) pressed = draft;
    else if (forReview) pressed = review;
    await busy(pressed, slug || asDraft ? 'Saving…' : 'Publishing…', async () => {
      try {
        const { article: saved } = slug
          ? await api.put(`/api/articles/${api.enc(slug)}`, { article: payload })
          : await api.post('/api/articles', { article: payload });
        navigate(articleHref(saved.slug));
      } catch (e) {
        showErrors(form, e);
      }
    });
  });

  replace(main, h('section', { class: 'page-wide' }, h('h1', {}, slug ? 'Edit article' : 'Write an article'), form));
  title.control.focus();
  return null;
}
