// DOM and formatting helpers shared by every view. Data only ever reaches the page as text nodes or attribute
// values set here, never as HTML, so nothing a token name or a job error holds can run in the page.
import { t, lang } from './i18n.js';

/** Builds an element: props are attributes (true → present, null/false → absent); `text` sets textContent. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  appendAll(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setProps(el, props);
  appendAll(el, children);
  return el;
}

function setProps(el, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'text') el.textContent = String(value);
    else if (key === 'class') el.setAttribute('class', value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

/**
 * Runs `fn` now and every `ms` while started, skipping a tick while the previous run is still out (a slow API must
 * not pile up requests) and while the browser tab is in the background.
 */
export class Poller {
  constructor(ms, fn) {
    this.ms = ms;
    this.fn = fn;
    this.timer = null;
    this.running = false;
  }

  start() {
    if (this.timer) return;
    this.tick();
    this.timer = setInterval(() => {
      if (!document.hidden) this.tick();
    }, this.ms);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }

  async tick() {
    if (this.running) return;
    this.running = true;
    try {
      await this.fn();
    } finally {
      this.running = false;
    }
  }
}

/** Speaks a short message to screen readers (copy confirmations and the like) without moving focus. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick makes repeated identical messages be read again.
  setTimeout(() => { region.textContent = message; }, 50);
}

/** `AbCd…WxYz`: enough of a base58 address to tell rows apart; the full one goes in `title`. */
export function shortMint(mint) {
  const s = String(mint ?? '');
  return s.length > 12 ? `${s.slice(0, 4)}…${s.slice(-4)}` : s;
}

/** Job ids are `<queue>:<unique part>`; the tail is what differs between two jobs. */
export function shortJobId(id) {
  const s = String(id ?? '');
  const tail = s.includes(':') ? s.slice(s.indexOf(':') + 1) : s;
  return tail.length > 10 ? `…${tail.slice(-8)}` : tail;
}

export async function copyText(text) {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http deployments have no async clipboard; the old selection trick still works there.
  const area = h('textarea', { readonly: true, class: 'offscreen' });
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** A copy button for a mint or id; its label says "copied" for a moment so sighted users see it worked too. */
export function copyButton(value, labelKey = 'copy.mint') {
  return h('button', {
    type: 'button', class: 'icon-btn', 'data-action': 'copy', 'data-value': value,
    'aria-label': t(labelKey), title: t(labelKey),
  }, copyIcon());
}

/** Two overlapping sheets, drawn rather than a glyph that not every monospace font has. */
function copyIcon() {
  return svg('svg', { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true', class: 'icon' },
    svg('rect', { x: 3.5, y: 0.5, width: 8, height: 8, rx: 1.5, fill: 'none', stroke: 'currentColor' }),
    svg('path', { d: 'M8.5 10v.5a1 1 0 0 1-1 1h-6a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1H2', fill: 'none', stroke: 'currentColor' }));
}

export async function handleCopyClick(button) {
  if (button.dataset.busy) return;
  button.dataset.busy = 'true';
  try {
    await copyText(button.dataset.value);
    button.textContent = t('copy.done');
    button.classList.add('copied');
    announce(t('copy.done'));
  } catch {
    button.textContent = t('copy.failed');
    announce(t('copy.failed'));
  }
  setTimeout(() => {
    button.replaceChildren(copyIcon());
    button.classList.remove('copied');
    delete button.dataset.busy;
  }, 1500);
}

/** A monospace short mint with the full one in its title, and its copy button. */
export function mintCell(mint) {
  if (!mint) return [h('span', { class: 'muted', text: '–' })];
  return [h('span', { class: 'mono', title: mint, text: shortMint(mint) }), ' ', copyButton(mint)];
}

/** A job id as a button that opens the job's detail dialog (main.js listens for data-action="detail"). */
export function jobIdButton(id) {
  return h('button', {
    type: 'button', class: 'link mono job-id', 'data-action': 'detail', 'data-job-id': id,
    title: id, 'aria-label': t('job.open', { id }),
  }, shortJobId(id));
}

/** An empty-state row that keeps the table (and its header) in place. */
export function emptyRow(columns, text) {
  return h('tr', { class: 'empty' }, h('td', { colspan: columns, 'data-testid': 'empty', text }));
}

/** Shows an API failure in an error element, or hides it when `error` is null. */
export function showError(el, error, prefixKey) {
  if (!error) {
    el.hidden = true;
    el.textContent = '';
    return;
  }
  el.hidden = false;
  el.textContent = prefixKey ? `${t(prefixKey)}: ${errorText(error)}` : errorText(error);
}

/** The problem's detail plus its field errors, one per line (shown with pre-line). */
export function errorText(error) {
  const lines = [error?.detail || error?.message || String(error)];
  for (const [field, messages] of Object.entries(error?.fieldErrors ?? {})) {
    lines.push(`${field}: ${[].concat(messages).join(' ')}`);
  }
  return lines.filter(Boolean).join('\n');
}

// ---- numbers and times ----

const numberFormats = new Map();

/** Digits grouped the way the page's language writes them: "1,234.5" in English, "1 234,5" in Russian. */
export function fmtNum(value, maxDigits = 2, minDigits = 0) {
  if (value == null || Number.isNaN(Number(value))) return '–';
  const key = `${lang()}:${minDigits}:${maxDigits}`;
  if (!numberFormats.has(key)) {
    numberFormats.set(key, new Intl.NumberFormat(lang() === 'ru' ? 'ru-RU' : 'en-US', {
      minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits,
    }));
  }
  return numberFormats.get(key).format(Number(value));
}

/** Milliseconds with one decimal below 10 ms, where sub-millisecond Redis timings live. */
export function fmtMs(value) {
  if (value == null) return '–';
  return `${fmtNum(value, value < 10 ? 1 : 0)} ${t('unit.ms')}`;
}

/** A dev buy: 2 decimals, a third only when it carries information (1.25 → "1.25", 1.234 → "1.234"). */
export function fmtSol(value) {
  if (value == null) return '–';
  return `${fmtNum(value, 3, 2)} SOL`;
}

/** US dollars to three significant digits below a dollar, so micro-costs of one prompt stay readable. */
export function fmtUsd(value) {
  const v = Number(value);
  if (value == null || Number.isNaN(v)) return '–';
  if (v === 0) return '$0.00';
  const digits = Math.abs(v) >= 1 ? 2 : Math.min(8, Math.max(2, 2 - Math.floor(Math.log10(Math.abs(v)))));
  let text = v.toFixed(digits);
  // Trailing zeros beyond the cents add nothing.
  text = text.replace(/(\.\d\d\d*?)0+$/, '$1');
  return `$${text}`;
}

/** "42 s", "5 min", "3 h", "2 d" from a past instant (ms since epoch) to now. */
export function fmtAge(ms, now = Date.now()) {
  const s = Math.max(0, Math.floor((now - ms) / 1000));
  if (s < 60) return `${s} ${t('unit.s')}`;
  if (s < 3600) return `${Math.floor(s / 60)} ${t('unit.min')}`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)} ${t('unit.h')}`;
  return `${Math.floor(s / 86400)} ${t('unit.d')}`;
}

/** The feed's `ts` ("2026-12-04 08:01:02", UTC) as ms since epoch, NaN when unreadable. */
export function parseUtc(ts) {
  if (!ts) return NaN;
  const iso = String(ts).includes('T') ? String(ts) : String(ts).replace(' ', 'T');
  return Date.parse(/Z|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

const pad = (n) => String(n).padStart(2, '0');

/** A local "yyyy-MM-dd HH:mm:ss"; the exact instant stays in the element's datetime/title. */
export function fmtDateTime(ms) {
  if (!Number.isFinite(ms)) return '–';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function fmtClock(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `<time>` for an ISO instant, shown in local time with the ISO text on hover. */
export function timeEl(iso) {
  const ms = Date.parse(iso ?? '');
  if (!Number.isFinite(ms)) return h('span', { class: 'muted', text: '–' });
  return h('time', { datetime: new Date(ms).toISOString(), title: new Date(ms).toISOString() }, fmtDateTime(ms));
}
