// CEX radar: which exchanges announced a listing for a token, with its social pulse. One search is one job; the
// job's summary says which exchanges answered, so an empty result can be told apart from a silent exchange.
import { getJson, postJson, enc } from './api.js';
import { h, $, emptyRow, showError, fmtNum, shortMint } from './dom.js';
import { t } from './i18n.js';
import { JobStatus } from './jobs.js';

const COLUMNS = 6;
let form;
let input;
let tbody;
let summaryEl;
let errorEl;
let job;
let rows = null;
let summary = null;

export function init() {
  form = $('#radar-form');
  input = $('#radar-query');
  tbody = $('[data-testid=radar]').tBodies[0];
  summaryEl = $('#radar-summary');
  errorEl = $('#radar-error');
  job = new JobStatus($('#view-radar [data-testid=job-status]'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search(input.value.trim());
  });
  render();
}

// The first time the view opens, it shows the latest search (anyone's) until this page runs its own.
let latestAsked = false;

export function show() {
  if (latestAsked) return;
  latestAsked = true;
  getJson('/api/cex-radar/result').then((data) => {
    if (rows !== null || !Array.isArray(data) || !data.length) return;
    rows = data;
    render();
  }, (error) => showError(errorEl, error));
}

export function hide() {}

export function relabel() {
  job.render();
  render();
}

function search(query) {
  if (!query) return;
  job.run(
    (signal) => postJson('/api/cex-radar/search', { query }, { signal }),
    async (done, signal) => {
      const data = await getJson(`/api/cex-radar/result?jobId=${enc(done.jobId)}`, { signal });
      rows = Array.isArray(data) ? data : [];
      summary = done.summary ?? null;
      showError(errorEl, null);
      render();
    },
  );
}

function render() {
  renderSummary();
  if (rows === null) {
    tbody.replaceChildren(emptyRow(COLUMNS, t('radar.prompt')));
    return;
  }
  if (!rows.length) {
    tbody.replaceChildren(emptyRow(COLUMNS, t('radar.empty')));
    return;
  }
  tbody.replaceChildren(...rows.map((row) => {
    const when = [row.date, row.time].filter(Boolean).join(' ');
    const link = row.url
      ? h('a', { href: row.url, target: '_blank', rel: 'noopener noreferrer', title: row.url, class: 'mono' }, row.mint ? `Birdeye ${shortMint(row.mint)}` : 'Birdeye')
      : h('span', { class: 'muted', text: '–' });
    const title = row.announcement
      ? h('a', { href: row.announcement, target: '_blank', rel: 'noopener noreferrer' }, row.title || row.announcement)
      : h('span', { text: row.title || '–' });
    return h('tr', { 'data-exchange': row.exchange ?? '', 'data-mint': row.mint ?? '', title: row.title || null },
      h('td', { 'data-col': 'exchange', text: row.exchange || '–' }),
      h('td', { 'data-col': 'when', class: 'nowrap' }, when ? `${when} UTC` : '–'),
      h('td', { 'data-col': 'title', class: 'wrap' }, title),
      h('td', { 'data-col': 'birdeye', class: 'nowrap' }, link),
      h('td', { 'data-col': 'tw_1h', class: 'num', text: fmtNum(row.social?.tw_1h, 0) }),
      h('td', { 'data-col': 'tg_online', class: 'num', text: fmtNum(row.social?.tg_online, 0) }),
    );
  }));
}

/** The summary is free-form JSON; one line of `key value` pairs reads better than raw JSON and stays short. */
export function compact(value) {
  if (value == null) return '';
  if (Array.isArray(value)) return value.map(compact).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => !(v && typeof v === 'object' && Object.keys(v).length === 0))
      .map(([k, v]) => (v && typeof v === 'object' ? `${k}: {${compact(v)}}` : `${k}: ${v}`))
      .join(', ');
  }
  return String(value);
}

function renderSummary() {
  const text = compact(summary);
  summaryEl.hidden = !text;
  summaryEl.textContent = text ? `${t('radar.summary')}: ${text}` : '';
}
