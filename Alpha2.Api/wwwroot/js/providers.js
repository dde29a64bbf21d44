// Providers: each external API's median latency and today's spend, the API's saving suggestion, and 24 h of calls
// and latency per hour. Polled only while the view is open: the figures move slowly and nobody reads them unseen.
import { getJson, ApiError } from './api.js';
import { h, $, Poller, showError, fmtNum, fmtMs } from './dom.js';
import { t, lang } from './i18n.js';
import { lineChart, PALETTE } from './chart.js';

export const PROVIDERS = ['apify', 'helius', 'parser', 'birdeye', 'rugcheck', 'gemini', 'groq', 'binance', 'bybit', 'okx', 'telegram'];

/** Billing units as the API counts them: Helius credits, Birdeye compute units, US cents for the rest. */
const UNIT = { helius: 'unit.credits', birdeye: 'unit.cu' };

const colorOf = (provider) => PALETTE[Math.max(0, PROVIDERS.indexOf(provider)) % PALETTE.length];

let tbody;
let suggestionEl;
let mintSourceEl;
let errorEl;
let chartsEl;
let historyNote;
let usage = null;
let history = null; // null: not loaded; [] with a note when there is nothing to draw
let historyError = null;
let ticks = 0;

const poller = new Poller(15_000, async () => {
  // The hourly history changes far slower than the medians: every fourth tick is plenty.
  await Promise.all([loadUsage(), ticks++ % 4 === 0 ? loadHistory() : null]);
});

export function init() {
  tbody = $('[data-testid=providers]').tBodies[0];
  suggestionEl = $('[data-testid=suggestion]');
  mintSourceEl = $('[data-testid=mint-source]');
  errorEl = $('#providers-error');
  chartsEl = $('#providers-charts');
  historyNote = $('#providers-history-note');
}

export function show() {
  ticks = 0;
  poller.start();
}

export function hide() {
  poller.stop();
}

export function relabel() {
  // The suggestion is written by the server in the page's language: ask again.
  if (poller.timer) loadUsage();
  if (usage) renderUsage();
  renderHistory();
}

async function loadUsage() {
  try {
    usage = await getJson(`/api/metrics/latency-usage?lang=${lang()}`);
    showError(errorEl, null);
    renderUsage();
  } catch (error) {
    showError(errorEl, error, 'providers.error');
  }
}

function renderUsage() {
  tbody.replaceChildren(...PROVIDERS.map((provider) => {
    const ms = usage?.[`${provider}_ms`];
    const credits = usage?.[`${provider}_credits_used`];
    const unit = t(UNIT[provider] ?? 'unit.cents');
    return h('tr', { 'data-provider': provider },
      h('td', { 'data-col': 'name' }, h('span', { class: 'swatch', 'aria-hidden': 'true', 'data-color': colorOf(provider) }), provider),
      h('td', { 'data-col': 'ms', class: 'num' }, fmtMs(ms)),
      h('td', { 'data-col': 'credits', class: 'num nowrap', title: unit }, credits == null ? '–' : `${fmtNum(credits, 4)} ${unit}`),
    );
  }));
  // Swatch colours are data-driven, so they are set through the CSSOM rather than a style attribute.
  for (const swatch of tbody.querySelectorAll('.swatch[data-color]')) swatch.style.background = swatch.dataset.color;

  const suggestion = (usage?.suggestion ?? '').trim();
  suggestionEl.dataset.empty = String(!suggestion);
  suggestionEl.textContent = suggestion || t('providers.noSuggestion');
  // Which source feeds the mint list, and what it costs per mint (docs/domain.md §5); absent from older APIs.
  const source = usage?.mints_source;
  mintSourceEl.textContent = source ? t('providers.mintSource', {
    source: t(`providers.mintSource.${source}`),
    credits: usage.mints_credits_per_mint == null ? '–' : fmtNum(usage.mints_credits_per_mint, 2),
  }) : '';
}

async function loadHistory() {
  try {
    const data = await getJson('/api/metrics/history?hours=24');
    history = Array.isArray(data) ? data : [];
    historyError = null;
  } catch (error) {
    // An API without the endpoint yet has, as far as this page can tell, no history to show.
    if (error instanceof ApiError && error.status === 404) {
      history = [];
      historyError = null;
    } else if (history === null) {
      history = [];
      historyError = error;
    }
  }
  renderHistory();
}

function renderHistory() {
  if (history === null) return;
  const active = history.filter((p) => Array.isArray(p?.hours) && p.hours.some((hour) => hour.calls > 0));
  historyNote.hidden = active.length > 0;
  historyNote.textContent = historyError ? `${t('providers.historyError')}: ${historyError.detail ?? historyError.message}` : t('providers.noCalls');
  chartsEl.hidden = active.length === 0;
  if (!active.length) return;

  const times = active.flatMap((p) => p.hours.map((hour) => hour.t));
  const from = Math.min(...times);
  const to = Math.max(...times);
  lineChart($('#chart-calls'), {
    title: t('providers.chartCalls'),
    from, to,
    format: (v) => fmtNum(v, 0),
    series: active.map((p) => ({ name: p.provider, color: colorOf(p.provider), points: p.hours.map((hour) => ({ t: hour.t, v: hour.calls })) })),
  });
  lineChart($('#chart-latency'), {
    title: t('providers.chartLatency'),
    from, to,
    format: (v) => fmtMs(v),
    series: active.map((p) => ({ name: p.provider, color: colorOf(p.provider), points: p.hours.map((hour) => ({ t: hour.t, v: hour.avg_ms })) })),
  });
}
