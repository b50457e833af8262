// The public Newsroom API, as any Conduit client calls it: same-origin JSON under /api.

const TOKEN_KEY = 'newsroom.token';
const listeners = new Set();
let currentUser = null;

/** An API answer that was not 2xx: `errors` is RealWorld's {"field":["message"]} map. */
export class ApiError extends Error {
  constructor(status, errors, retryAfter) {
    super(`API answered ${status}`);
    this.status = status;
    this.errors = errors || {};
    this.retryAfter = retryAfter;
  }

  /**
   * True when the service behind the path is not answering, or not there at all: a path no route
   * serves answers 404 {"errors":{"path":["not found"]}} (or no body), unlike a missing resource.
   */
  get unavailable() {
    const fields = Object.keys(this.errors);
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504
      || (this.status === 404 && (fields.length === 0 || (fields.length === 1 && fields[0] === 'path')));
  }

  /** Every message as "field message", for a form-level summary. */
  messages() {
    return Object.entries(this.errors).flatMap(([field, list]) =>
      (Array.isArray(list) ? list : [String(list)]).map((message) => humanise(field, message)));
  }
}

function humanise(field, message) {
  if (field === 'service') return 'The service is unavailable right now. Please try again shortly.';
  if (field === 'token') return `Your session ${message === 'is missing' ? 'is missing' : 'has expired'}: please sign in again.`;
  const name = field.replace(/([A-Z])/g, ' $1').toLowerCase();
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${message}`;
}

export function token() {
  return localStorage.getItem(TOKEN_KEY);
}

export function user() {
  return currentUser;
}

/** The roles in the token (its payload is readable; the server verifies it, we only choose what to show). */
export function roles() {
  const jwt = token();
  if (!jwt) return [];
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return Array.isArray(payload.roles) ? payload.roles : [];
  } catch {
    return [];
  }
}

export function isModerator() {
  return roles().includes('moderator');
}

/** Editors schedule, publish and withdraw anyone's stories, and see everyone's on the desk. */
export function isEditor() {
  return roles().includes('editor');
}

export function onSessionChange(listener) {
  listeners.add(listener);
}

export function signIn(userJson) {
  localStorage.setItem(TOKEN_KEY, userJson.token);
  currentUser = userJson;
  listeners.forEach((listener) => listener(currentUser));
}

export function signOut() {
  localStorage.removeItem(TOKEN_KEY);
  currentUser = null;
  listeners.forEach((listener) => listener(null));
}

/** Restores the session from the stored token; a token the server refuses is forgotten. */
export async function restoreSession() {
  if (!token()) return null;
  try {
    const { user: me } = await request('GET', '/api/user');
    currentUser = me;
  } catch (error) {
    if (error.status === 401) localStorage.removeItem(TOKEN_KEY);
    currentUser = null;
  }
  listeners.forEach((listener) => listener(currentUser));
  return currentUser;
}

/** Calls the API; resolves with the JSON body (or null), rejects with an ApiError. */
export async function request(method, path, body, { timeoutMs = 15000 } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const jwt = token();
  if (jwt) headers.Authorization = `Token ${jwt}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch {
    throw new ApiError(0, { service: ['unavailable'] });
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const errors = json && typeof json.errors === 'object' && json.errors !== null ? json.errors : {};
    throw new ApiError(response.status, errors, response.headers.get('Retry-After'));
  }
  return json;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body === undefined ? {} : body);
export const put = (path, body) => request('PUT', path, body);
export const del = (path) => request('DELETE', path);

export const enc = encodeURIComponent;
