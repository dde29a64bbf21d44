// Dead letters of one queue: search, page, and retry or delete by selection. "Select all" means every dead letter
// of the queue that matches the search, not only the loaded page, so it is sent as {"all":true,"q"} for the server
// to apply in one script.
import { cursorPages, getJson, postJson, withQuery, enc } from './api.js';
import { h, $, debounce, emptyRow, showError, errorText, jobIdButton, timeEl, fmtNum } from './dom.js';
import { t } from './i18n.js';
import { confirmDialog } from './dialogs.js';

const COLUMNS = 4;
let el;
let items = [];
let nextCursor = null;
let loaded = false;
const selected = new Set();

export function init() {
  el = {
    queue: $('#dead-queue'),
    search: $('#dead-search'),
    all: $('#dead-select-all'),
    retry: $('#dead-retry'),
    remove: $('#dead-delete'),
    more: $('#dead-more'),
    reload: $('#dead-reload'),
    result: $('[data-testid=dead-result]'),
    error: $('#dead-error'),
    body: $('[data-testid=dead]').tBodies[0],
  };
  el.queue.addEventListener('change', () => load());
  el.search.addEventListener('input', debounce(() => load(), 350));
  // Enter in the search box should not wait for the debounce.
  el.search.addEventListener('keydown', (event) => { if (event.key === 'Enter') load(); });
  el.reload.addEventListener('click', () => load());
  el.more.addEventListener('click', () => load(nextCursor));
  el.all.addEventListener('change', () => {
    if (!el.all.checked) selected.clear();
    syncChecks();
  });
  el.body.addEventListener('change', (event) => {
    const box = event.target.closest('input[type=checkbox][data-id]');
    if (!box) return;
    if (el.all.checked && !box.checked) {
      // Unticking one row turns "everything matching" into "these rows".
      el.all.checked = false;
      for (const item of items) if (item.id) selected.add(item.id);
    }
    if (box.checked) selected.add(box.dataset.id);
    else selected.delete(box.dataset.id);
    syncChecks();
  });
  el.retry.addEventListener('click', () => act('retry'));
  el.remove.addEventListener('click', () => act('delete'));
  syncChecks();
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
  (cursor) => getJson(withQuery('/api/ops/dead', { queue: el.queue.value, q: el.search.value.trim(), limit: 50, cursor })),
  (fresh, next, appended) => {
    if (appended) {
      items = items.concat(fresh);
    } else {
      items = fresh;
      selected.clear();
      el.all.checked = false;
    }
    nextCursor = next;
    showError(el.error, null);
    render();
  },
  (error) => showError(el.error, error, 'dead.error'),
);

function render() {
  el.more.hidden = !nextCursor;
  if (!items.length) {
    el.body.replaceChildren(emptyRow(COLUMNS, t(el.search.value.trim() ? 'dead.noMatch' : 'dead.empty')));
    syncChecks();
    return;
  }
  el.body.replaceChildren(...items.map((item, index) => {
    const id = item.id ?? '';
    return h('tr', { 'data-id': id },
      h('td', { class: 'check', 'data-mutation': true },
        id ? h('input', { type: 'checkbox', 'data-id': id, 'data-mutation': true, 'aria-label': t('dead.select', { id }) }) : ''),
      h('td', { 'data-col': 'id', class: 'nowrap' }, id ? jobIdButton(id) : h('span', { class: 'muted', text: t('dead.noId', { n: index + 1 }) })),
      h('td', { 'data-col': 'error', class: 'wrap error-text', title: item.error ?? '' }, item.error || '–'),
      h('td', { 'data-col': 'failed_at', class: 'nowrap' }, timeEl(item.failed_at)),
    );
  }));
  syncChecks();
}

/** Row boxes follow "select all"; the action buttons are enabled only when they would act on something. */
function syncChecks() {
  for (const box of el.body.querySelectorAll('input[type=checkbox][data-id]')) {
    box.checked = el.all.checked || selected.has(box.dataset.id);
  }
  const count = el.all.checked ? items.length : selected.size;
  const none = el.all.checked ? items.length === 0 : selected.size === 0;
  el.retry.disabled = none;
  el.remove.disabled = none;
  el.all.indeterminate = !el.all.checked && selected.size > 0;
  $('#dead-selected').textContent = none ? '' : el.all.checked
    ? t(el.search.value.trim() ? 'dead.allMatching' : 'dead.allQueue')
    : t('dead.selectedCount', { n: fmtNum(count, 0) });
}

function selection() {
  if (el.all.checked) {
    const q = el.search.value.trim();
    return q ? { all: true, q } : { all: true };
  }
  return { ids: [...selected] };
}

async function act(action) {
  const queue = el.queue.value;
  const body = selection();
  if (action === 'delete') {
    const what = body.all
      ? t(body.q ? 'dead.confirmAllMatching' : 'dead.confirmAll', { queue, q: body.q ?? '' })
      : t('dead.confirmIds', { n: fmtNum(body.ids.length, 0), queue });
    if (!await confirmDialog(what, t('dead.delete'))) return;
  }
  el.retry.disabled = true;
  el.remove.disabled = true;
  try {
    const answer = await postJson(`/api/ops/dead/${enc(queue)}/${action}`, body);
    el.result.dataset.state = 'done';
    el.result.textContent = action === 'retry'
      ? t('dead.retried', { n: fmtNum(answer?.retried ?? 0, 0) })
      : t('dead.deleted', { n: fmtNum(answer?.deleted ?? 0, 0) });
    el.result.hidden = false;
    await load();
  } catch (error) {
    el.result.dataset.state = 'error';
    el.result.textContent = errorText(error);
    el.result.hidden = false;
    syncChecks();
  }
}
