// Whale scan: the newest mints ranked by how many large holders they have. A scan is a job; the table shows the
// latest finished scan until the one the user started is done.
import { getJson, postJson, enc } from './api.js';
import { h, $, mintCell, emptyRow, showError, fmtNum, fmtSol } from './dom.js';
import { t } from './i18n.js';
import { JobStatus } from './jobs.js';

const COLUMNS = 4;
let tbody;
let errorEl;
let job;
let rows = null;
let fromScan = false;
let loaded = false;
// Answers can arrive out of order (the first GET of the latest scan may be slower than a quick scan): only the
// most recently started load may draw.
let generation = 0;

export function init() {
  tbody = $('[data-testid=whales]').tBodies[0];
  errorEl = $('#whales-error');
  job = new JobStatus($('#view-whales [data-testid=job-status]'));
  $('#whales-scan').addEventListener('click', scan);
}

export function show() {
  if (loaded) return;
  loaded = true;
  load('/api/whales/top3');
}

export function hide() {}

export function relabel() {
  job.render();
  if (rows) render();
}

async function load(path) {
  const mine = ++generation;
  try {
    const data = await getJson(path);
    if (mine !== generation) return;
    rows = Array.isArray(data) ? data : [];
    fromScan = false;
    showError(errorEl, null);
    render();
  } catch (error) {
    if (mine === generation) showError(errorEl, error, 'whales.error');
  }
}

function scan() {
  job.run(
    (signal) => postJson('/api/whales/scan', {}, { signal }),
    async (done, signal) => {
      const mine = ++generation;
      const data = await getJson(`/api/whales/top3?jobId=${enc(done.jobId)}`, { signal });
      if (mine !== generation) return;
      rows = Array.isArray(data) ? data : [];
      fromScan = true;
      showError(errorEl, null);
      render();
    },
  );
}

function render() {
  if (!rows.length) {
    tbody.replaceChildren(emptyRow(COLUMNS, t(fromScan ? 'whales.none' : 'whales.empty')));
    return;
  }
  tbody.replaceChildren(...rows.map((row) => h('tr', { 'data-mint': row.mint ?? '' },
    h('td', { 'data-col': 'name', text: row.name || '–' }),
    h('td', { 'data-col': 'mint', class: 'nowrap', title: row.mint ?? null }, mintCell(row.mint)),
    h('td', { 'data-col': 'whales', class: 'num', text: fmtNum(row.whales, 0) }),
    h('td', { 'data-col': 'sol_sum', class: 'num nowrap', text: fmtSol(row.sol_sum) }),
  )));
}
