// Moving between pages of the app (hash routes).

export function navigate(hash) {
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}

export function articleHref(slug) {
  return `#/article/${encodeURIComponent(slug)}`;
}

export function profileHref(username) {
  return `#/profile/${encodeURIComponent(username)}`;
}
