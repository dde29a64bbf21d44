// Job search across a queue's list, its workers and its retained finished jobs, newest first. The server reads at
// most 500 entries a call, so a rare text can answer a short page with a cursor: "more" follows it.
import { cursorPages, getJson, withQuery } from './api.js';
import { h, $, emptyRow, showError, jobIdButton, timeEl } from './dom.js';
import { t } from './i18n.js';

const COLUMNS = 5;
let el;
let items = null;
let nextCursor = null;
let loaded = false;

export function init() {
  el = {
    form: $('#jobs-form'),
    queue: $('#jobs-queue'),
    status: $('#jobs-status'),
    q: $('#jobs-q'),
    more: $('#jobs-more'),
    error: $('#jobs-error'),
    body: $('[data-testid=jobs]').tBodies[0],
  };
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  el.queue.addEventListener('change', () => load());
  el.status.addEventListener('change', () => load());
  el.more.addEventListener('click', () => load(nextCursor));
}

export function show() {
  if (loaded) return;
  loaded = true;
  load();
}

export function relabel() {
  render();
}

const load = cursorPages(
  (cursor) => getJson(withQuery('/api/ops/jobs', {
    queue: el.queue.value, status: el.status.value, q: el.q.value.trim(), limit: 50, cursor,
  })),
  (fresh, next, appended) => {
    items = appended ? (items ?? []).concat(fresh) : fresh;
    nextCursor = next;
    showError(el.error, null);
    render();
  },
  (error) => showError(el.error, error, 'jobs.error'),
);

function render() {
  if (!items) return;
  el.more.hidden = !nextCursor;
  if (!items.length) {
    el.body.replaceChildren(emptyRow(COLUMNS, t(nextCursor ? 'jobs.noneYet' : 'jobs.empty')));
    return;
  }
  el.body.replaceChildren(...items.map((job) => h('tr', { 'data-id': job.id },
    h('td', { 'data-col': 'id', class: 'nowrap' }, jobIdButton(job.id)),
    h('td', { 'data-col': 'status' }, h('span', { class: 'job-state', 'data-state': job.status ?? '', text: job.status ? t(`state.${job.status}`) : '–' })),
    h('td', { 'data-col': 'queued_at', class: 'nowrap' }, timeEl(job.queued_at)),
    h('td', { 'data-col': 'finished_at', class: 'nowrap' }, timeEl(job.finished_at)),
    h('td', { 'data-col': 'error', class: 'wrap error-text', title: job.error ?? '' }, job.error || ''),
  )));
}
