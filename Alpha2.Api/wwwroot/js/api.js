// The one way the page talks to the API: JSON in and out, the API key on mutations, and problem+json errors turned
// into ApiError so every view can show the server's own explanation.
import { t } from './i18n.js';

const KEY_STORAGE = 'alpha2.apiKey';

/** An answer other than 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
  }

  get detail() {
    return this.problem.detail || this.problem.title || this.message;
  }

  /** `{field: [messages]}` of a validation problem, or empty. */
  get fieldErrors() {
    const errors = this.problem.errors;
    return errors && typeof errors === 'object' ? errors : {};
  }
}

let unauthorizedHandler = () => {};

/** Called after any 401, once the stale key has been dropped: main.js asks for the key again. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

export function getApiKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

export function setApiKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage can be disabled; the key then lasts only until the next 401.
  }
}

async function request(method, path, body, { signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const key = getApiKey();
    if (key) headers['X-API-Key'] = key;
  }

  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, { title: t('err.network'), detail: t('err.network') });
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    const problem = data && typeof data === 'object' && !Array.isArray(data)
      ? data
      : { title: response.statusText || `HTTP ${response.status}`, detail: text.slice(0, 300) || `HTTP ${response.status}` };
    if (response.status === 401) {
      setApiKey('');
      unauthorizedHandler(problem);
    }
    if (response.status === 429 && response.headers.get('Retry-After')) {
      problem.detail = `${problem.detail || problem.title} (${t('err.retryAfter', { s: response.headers.get('Retry-After') })})`;
    }
    throw new ApiError(response.status, problem);
  }
  return data;
}

export const getJson = (path, options) => request('GET', path, undefined, options);

export const postJson = (path, body = {}, options) => request('POST', path, body, options);

/** Builds `path?k=v&…`, leaving out empty values. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const enc = encodeURIComponent;

/**
 * A list the ops API pages with `{items, next_cursor}`. `load(cursor)` asks for a page (null: the first) and hands
 * `onPage(items, nextCursor, appended)` its rows; when loads overlap (a new search while one is on its way) only the
 * newest one's answer or error is shown.
 */
export function cursorPages(fetchPage, onPage, onError) {
  let newest = 0;
  return async (cursor = null) => {
    const ticket = ++newest;
    try {
      const page = await fetchPage(cursor);
      if (ticket !== newest) return;
      onPage(Array.isArray(page?.items) ? page.items : [], page?.next_cursor ?? null, cursor !== null);
    } catch (error) {
      if (ticket === newest) onError(error);
    }
  };
}
