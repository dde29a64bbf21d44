// Queues: live counts (pushed by the `queues` event, polled only while the stream is down), pause and resume, the
// last hour per minute for one queue, and the live workers. Rows are updated in place so a focused pause button
// keeps focus while counts tick.
import { getJson, postJson, enc } from './api.js';
import { h, $, Poller, emptyRow, showError, fmtNum, fmtMs, timeEl } from './dom.js';
import { t } from './i18n.js';
import { lineChart, PALETTE } from './chart.js';
import * as dead from './dead.js';
import * as jobSearch from './jobsearch.js';

export const QUEUES = ['ai-infer', 'cex-radar', 'helius-mints', 'whales'];
const COUNT_COLUMNS = ['queued', 'processing', 'failed', 'dead', 'done_1h', 'failed_1h'];

let tbody;
let errorEl;
let historySelect;
let workersBody;
let snapshot = null;
let live = false;
let visible = false;
const rowsByQueue = new Map();
let history = null;
let workers = null;

const fallbackPoller = new Poller(5_000, () => loadQueues());
const historyPoller = new Poller(15_000, () => loadHistory());
const workersPoller = new Poller(5_000, () => loadWorkers());

export function init() {
  tbody = $('[data-testid=queues]').tBodies[0];
  errorEl = $('#queues-error');
  historySelect = $('#history-queue');
  workersBody = $('[data-testid=workers]').tBodies[0];
  for (const select of [historySelect, $('#dead-queue'), $('#jobs-queue')]) {
    select.replaceChildren(...QUEUES.map((q) => h('option', { value: q }, q)));
  }
  historySelect.addEventListener('change', () => { history = null; loadHistory(); });
  tbody.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action=pause], button[data-action=resume]');
    if (button) setPaused(button);
  });
  dead.init();
  jobSearch.init();
  loadQueues();
}

export function show() {
  visible = true;
  historyPoller.start();
  workersPoller.start();
  if (!live) fallbackPoller.start();
  dead.show();
  jobSearch.show();
}

export function hide() {
  visible = false;
  historyPoller.stop();
  workersPoller.stop();
  fallbackPoller.stop();
}

/** The event stream's state: while it is down the table is polled instead. */
export function setLive(isLive) {
  live = isLive;
  if (live) fallbackPoller.stop();
  else if (visible) fallbackPoller.start();
}

/** A `queues` event: the same array GET /api/ops/queues answers. */
export function onQueues(data) {
  if (!Array.isArray(data)) return;
  snapshot = data;
  showError(errorEl, null);
  renderQueues();
}

export function relabel() {
  if (snapshot) {
    for (const tr of rowsByQueue.values()) tr.remove();
    rowsByQueue.clear();
    renderQueues();
  }
  renderHistory();
  renderWorkers();
  dead.relabel();
  jobSearch.relabel();
}

async function loadQueues() {
  try {
    onQueues(await getJson('/api/ops/queues'));
  } catch (error) {
    showError(errorEl, error, 'queues.error');
  }
}

function renderQueues() {
  const list = [...snapshot].sort((a, b) => String(a.queue).localeCompare(String(b.queue)));
  tbody.querySelector('tr.empty')?.remove();
  if (!list.length) {
    tbody.replaceChildren(emptyRow(12, t('queues.empty')));
    return;
  }
  list.forEach((q, index) => {
    let tr = rowsByQueue.get(q.queue);
    if (!tr) {
      tr = queueRow(q.queue);
      rowsByQueue.set(q.queue, tr);
    }
    if (tbody.children[index] !== tr) tbody.insertBefore(tr, tbody.children[index] ?? null);
    updateRow(tr, q);
  });
}

function queueRow(queue) {
  const cell = (col, cls = 'num') => h('td', { 'data-col': col, class: cls });
  return h('tr', { 'data-queue': queue },
    h('th', { scope: 'row', 'data-col': 'queue', class: 'mono', text: queue }),
    ...COUNT_COLUMNS.map((col) => cell(col)),
    cell('wait_p50_ms'),
    cell('run_p50_ms'),
    cell('workers'),
    cell('state', ''),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'small-btn', 'data-action': 'pause', 'data-mutation': true, 'data-queue': queue })),
  );
}

function updateRow(tr, q) {
  const set = (col, text, title) => {
    const td = tr.querySelector(`[data-col="${col}"]`);
    if (td.textContent !== text) td.textContent = text;
    if (title) td.title = title;
    else td.removeAttribute('title');
    return td;
  };
  for (const col of COUNT_COLUMNS) set(col, fmtNum(q[col], 0));
  set('queued', fmtNum(q.queued, 0), q.oldest_queued_s != null ? t('queues.oldest', { s: fmtNum(q.oldest_queued_s, 1) }) : null);
  set('wait_p50_ms', fmtMs(q.wait_p50_ms), `p95 ${fmtMs(q.wait_p95_ms)}`);
  set('run_p50_ms', fmtMs(q.run_p50_ms), `p95 ${fmtMs(q.run_p95_ms)}`);
  set('workers', fmtNum(q.workers, 0)).dataset.warn = String(!q.workers);
  tr.querySelector('[data-col=dead]').dataset.warn = String(q.dead > 0);
  const state = set('state', t(q.paused ? 'queues.paused' : 'queues.running'));
  state.dataset.state = q.paused ? 'paused' : 'running';
  tr.dataset.paused = String(!!q.paused);

  const button = tr.querySelector('button[data-queue]');
  if (!button.dataset.pending) {
    button.dataset.action = q.paused ? 'resume' : 'pause';
    button.textContent = t(q.paused ? 'queues.resume' : 'queues.pause');
    button.setAttribute('aria-label', t(q.paused ? 'queues.resumeQueue' : 'queues.pauseQueue', { queue: q.queue }));
  }
}

async function setPaused(button) {
  const { queue, action } = button.dataset;
  button.disabled = true;
  button.dataset.pending = 'true';
  try {
    const answer = await postJson(`/api/ops/queues/${enc(queue)}/${action}`, {});
    delete button.dataset.pending;
    const entry = snapshot?.find((q) => q.queue === queue);
    if (entry) entry.paused = !!answer?.paused;
    showError(errorEl, null);
    renderQueues();
  } catch (error) {
    delete button.dataset.pending;
    showError(errorEl, error, 'queues.actionError');
  } finally {
    button.disabled = false;
  }
}

// ---- history of one queue ----

async function loadHistory() {
  const queue = historySelect.value;
  try {
    const data = await getJson(`/api/ops/queues/${enc(queue)}/history?minutes=60`);
    if (queue !== historySelect.value) return;
    history = Array.isArray(data) ? data : [];
    showError($('#history-error'), null);
    renderHistory();
  } catch (error) {
    showError($('#history-error'), error, 'queues.historyError');
  }
}

function renderHistory() {
  if (!history) return;
  const times = history.map((m) => m.t);
  const now = Math.floor(Date.now() / 1000);
  const from = times.length ? Math.min(...times) : now - 3600;
  const to = times.length ? Math.max(...times) : now;
  lineChart($('#chart-throughput'), {
    title: t('queues.chartThroughput'), from, to, format: (v) => fmtNum(v, 0),
    series: [
      { name: t('queues.done'), color: PALETTE[2], points: history.map((m) => ({ t: m.t, v: m.done })) },
      { name: t('queues.failed'), color: PALETTE[4], points: history.map((m) => ({ t: m.t, v: m.failed })) },
    ],
  });
  lineChart($('#chart-queue-latency'), {
    title: t('queues.chartLatency'), from, to, format: (v) => fmtMs(v),
    series: [
      { name: t('queues.waitP50'), color: PALETTE[0], points: history.map((m) => ({ t: m.t, v: m.wait_p50_ms })) },
      { name: t('queues.runP50'), color: PALETTE[1], points: history.map((m) => ({ t: m.t, v: m.run_p50_ms })) },
    ],
  });
}

// ---- workers ----

async function loadWorkers() {
  try {
    const data = await getJson('/api/ops/workers');
    workers = Array.isArray(data) ? data : [];
    showError($('#workers-error'), null);
    renderWorkers();
  } catch (error) {
    showError($('#workers-error'), error, 'queues.workersError');
  }
}

function renderWorkers() {
  if (!workers) return;
  if (!workers.length) {
    workersBody.replaceChildren(emptyRow(6, t('workers.empty')));
    return;
  }
  workersBody.replaceChildren(...workers.map((w) => h('tr', { 'data-worker': w.id },
    h('td', { 'data-col': 'id', class: 'mono', text: w.id }),
    h('td', { 'data-col': 'host', class: 'mono', text: `${w.host}:${w.pid}` }),
    h('td', { 'data-col': 'queues', class: 'wrap', text: (w.queues ?? []).join(', ') }),
    h('td', { 'data-col': 'busy', class: 'num', text: `${fmtNum(w.busy, 0)} / ${fmtNum(w.concurrency, 0)}` }),
    h('td', { 'data-col': 'heartbeat', class: 'num', 'data-warn': String(w.heartbeat_age_s > 10) }, `${fmtNum(w.heartbeat_age_s, 1)} ${t('unit.s')}`),
    h('td', { 'data-col': 'started', class: 'nowrap' }, timeEl(w.started_at), w.version ? h('span', { class: 'muted small', text: ` v${w.version}` }) : ''),
  )));
}
