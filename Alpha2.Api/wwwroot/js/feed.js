// The mint feed: pump.fun's newest tokens with their safety verdict. Rows are kept by mint between refreshes and
// new ones are inserted above, so a badge or copy button that has focus keeps it while the feed moves.
import { getJson } from './api.js';
import { h, $, debounce, mintCell, emptyRow, showError, fmtSol, fmtAge, parseUtc, fmtDateTime } from './dom.js';
import { t } from './i18n.js';

const COLUMNS = 8;
let table;
let tbody;
let errorEl;
let updatedEl;
let rows = [];
let loadedOnce = false;
let pendingReveal = null; // a #mint-… link followed before the rows arrived
const rendered = new Map(); // mint → {tr, json}

export function init() {
  table = $('[data-testid=feed]');
  tbody = table.tBodies[0];
  errorEl = $('#feed-error');
  updatedEl = $('#feed-updated');
  load();
  setInterval(() => { if (!document.hidden) load(); }, 30_000);
  setInterval(refreshAges, 10_000);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refreshAges(); });
}

/** A `mint` event: several in a burst cost one fetch. */
export const onMint = debounce(() => load(), 300);

export function show() {}
export function hide() {}

export function relabel() {
  // Every label in a row is language-dependent; rebuild them all.
  rendered.clear();
  tbody.replaceChildren();
  render(false);
}

async function load() {
  try {
    const data = await getJson('/api/helius/mints?limit=50');
    rows = Array.isArray(data) ? data : [];
    showError(errorEl, null);
    render(loadedOnce);
    loadedOnce = true;
    if (pendingReveal) reveal(pendingReveal);
    updatedEl.textContent = t('updated', { time: fmtDateTime(Date.now()).slice(11) });
  } catch (error) {
    showError(errorEl, error, 'feed.error');
  }
}

function render(markFresh) {
  if (rows.length === 0) {
    rendered.clear();
    tbody.replaceChildren(emptyRow(COLUMNS, t('feed.empty')));
    return;
  }
  tbody.querySelector('tr.empty')?.remove();

  const wanted = [];
  const seen = new Set();
  for (const row of rows) {
    if (!row?.mint || seen.has(row.mint)) continue;
    seen.add(row.mint);
    const json = JSON.stringify(row);
    const known = rendered.get(row.mint);
    if (known && known.json === json) {
      wanted.push(known.tr);
      continue;
    }
    const tr = rowElement(row);
    if (markFresh && !known) tr.classList.add('fresh');
    if (known) known.tr.replaceWith(tr);
    rendered.set(row.mint, { tr, json });
    wanted.push(tr);
  }
  for (const [mint, { tr }] of rendered) {
    if (!seen.has(mint)) {
      tr.remove();
      rendered.delete(mint);
    }
  }
  // Insert only where the order differs: rows that stay are never detached, so focus inside them survives.
  wanted.forEach((tr, index) => {
    const current = tbody.children[index];
    if (current !== tr) tbody.insertBefore(tr, current ?? null);
  });
  while (tbody.children.length > wanted.length) tbody.lastElementChild.remove();
}

function rowElement(row) {
  const tipId = `tip-${row.mint}`;
  const reasons = Array.isArray(row.safe_reasons) ? row.safe_reasons.filter(Boolean) : [];
  const safe = row.safe === true;
  const tipText = reasons.length ? reasons.join('; ') : safe ? t('feed.noIssues') : t('feed.noReasons');

  const ms = parseUtc(row.ts);
  const age = Number.isFinite(ms)
    ? h('time', { datetime: new Date(ms).toISOString(), title: `${row.ts} UTC`, 'data-ms': ms }, fmtAge(ms))
    : h('span', { class: 'muted', text: '–' });

  let original;
  if (row.original !== false) {
    original = h('span', { class: 'tag', 'data-original': 'true', text: t('feed.original') });
  } else if (row.original_mint) {
    original = h('a', { href: `#mint-${row.original_mint}`, class: 'tag', 'data-original': 'false', title: t('feed.originalIs', { mint: row.original_mint }) }, t('feed.copycat'));
  } else {
    original = h('span', { class: 'tag', 'data-original': 'false', text: t('feed.copycat') });
  }

  const nameTitle = [row.name, row.symbol && row.symbol !== row.name ? `$${row.symbol}` : null,
    row.dev_pct != null ? t('feed.devPct', { pct: row.dev_pct }) : null,
    row.top10_pct != null ? t('feed.top10Pct', { pct: row.top10_pct }) : null,
    row.creator ? t('feed.creator', { creator: row.creator }) : null].filter(Boolean).join('\n');

  return h('tr', { 'data-mint': row.mint, id: `mint-${row.mint}` },
    h('td', { 'data-col': 'name' }, h('span', { class: 'name', title: nameTitle, text: row.name || '–' })),
    h('td', { 'data-col': 'mint', class: 'nowrap', title: row.mint }, mintCell(row.mint)),
    h('td', { 'data-col': 'safe' },
      h('span', { class: 'has-tip' },
        h('span', { class: 'badge', 'data-safe': String(safe), tabindex: '0', 'aria-describedby': tipId }, t(safe ? 'feed.safe' : 'feed.unsafe')),
        h('span', { role: 'tooltip', id: tipId, class: 'tooltip', text: tipText }))),
    h('td', { 'data-col': 'original' }, original),
    h('td', { 'data-col': 'sol', class: 'num nowrap' }, fmtSol(row.sol)),
    h('td', { 'data-col': 'hasTw', class: 'center' },
      h('span', { 'aria-label': t(row.hasTw ? 'feed.hasTw' : 'feed.noTw'), title: t(row.hasTw ? 'feed.hasTw' : 'feed.noTw'), 'data-value': String(!!row.hasTw) }, row.hasTw ? '✓' : '–')),
    h('td', { 'data-col': 'team', text: row.team || '–' }),
    h('td', { 'data-col': 'age', class: 'num nowrap' }, age),
  );
}

function refreshAges() {
  const now = Date.now();
  for (const time of tbody.querySelectorAll('td[data-col=age] time[data-ms]')) {
    time.textContent = fmtAge(Number(time.dataset.ms), now);
  }
}

/** `#mint-<mint>` from a copycat's link: show the feed and bring the original's row into view. */
export function reveal(mint) {
  const tr = document.getElementById(`mint-${mint}`);
  pendingReveal = tr || loadedOnce ? null : mint;
  if (!tr) return false;
  tr.scrollIntoView({ block: 'center' });
  tr.classList.remove('flash');
  // Restart the highlight animation even when the same row is revealed twice.
  void tr.offsetWidth;
  tr.classList.add('flash');
  return true;
}
