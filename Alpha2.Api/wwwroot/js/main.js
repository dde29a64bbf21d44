// Wires the page: language, tabs from the URL hash, what the API allows (read-only, key), the live event stream,
// and the few behaviours shared by every view (copy buttons, job ids opening the detail dialog, tooltips).
import { getJson, getApiKey, onUnauthorized } from './api.js';
import { $, $$, handleCopyClick } from './dom.js';
import { applyLanguage, initialLanguage, lang, onLanguageChange, t } from './i18n.js';
import { askApiKey, initConfirmDialog, initKeyDialog } from './dialogs.js';
import * as jobDetail from './jobdetail.js';
import * as feed from './feed.js';
import * as whales from './whales.js';
import * as radar from './radar.js';
import * as ai from './ai.js';
import * as providers from './providers.js';
import * as queues from './queues.js';

const VIEWS = { feed, whales, radar, ai, providers, queues };
const NAMES = Object.keys(VIEWS);
let currentView = null;

// ---- language ----

function initLanguage() {
  const select = $('#lang');
  applyLanguage(initialLanguage());
  select.value = lang();
  select.addEventListener('change', () => applyLanguage(select.value, { remember: true }));
  onLanguageChange(() => {
    select.value = lang();
    for (const view of Object.values(VIEWS)) view.relabel();
    jobDetail.relabel();
    renderLive();
  });
}

// ---- tabs ----

function select(name, { focus = false } = {}) {
  if (!VIEWS[name]) name = 'feed';
  for (const other of NAMES) {
    const tab = $(`#tab-${other}`);
    const on = other === name;
    tab.setAttribute('aria-selected', String(on));
    // Roving tabindex: Tab reaches the selected tab, arrows move between tabs.
    tab.tabIndex = on ? 0 : -1;
    $(`#view-${other}`).hidden = !on;
  }
  if (focus) $(`#tab-${name}`).focus();
  if (currentView !== name) {
    if (currentView) VIEWS[currentView].hide();
    currentView = name;
    VIEWS[name].show();
  }
}

function fromHash() {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith('mint-')) {
    // A copycat's link to its original's row lives in the feed.
    select('feed');
    feed.reveal(hash.slice(5));
    return;
  }
  select(NAMES.includes(hash) ? hash : 'feed');
}

function initTabs() {
  const tablist = $('[role=tablist]');
  tablist.addEventListener('click', (event) => {
    const tab = event.target.closest('[role=tab]');
    if (!tab) return;
    const name = tab.id.slice(4);
    if (location.hash !== `#${name}`) history.pushState(null, '', `#${name}`);
    select(name);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = NAMES.indexOf(currentView);
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: NAMES.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const name = NAMES[(moves[event.key] + NAMES.length) % NAMES.length];
    history.replaceState(null, '', `#${name}`);
    select(name, { focus: true });
  });
  window.addEventListener('hashchange', fromHash);
  window.addEventListener('popstate', fromHash);
  fromHash();
}

// ---- access: read-only and the API key ----

async function initAccess() {
  let access = { read_only: false, api_key_required: false };
  try {
    access = { ...access, ...(await getJson('/api/ops/access')) };
  } catch {
    // An API without /api/ops/access is taken as writable and keyless; a 401 later still asks for a key.
  }
  document.body.classList.toggle('read-only', !!access.read_only);
  $('#read-only-note').hidden = !access.read_only;
  onUnauthorized(() => askApiKey('refused'));
  if (access.api_key_required && !getApiKey()) askApiKey('needed');
}

// ---- live events ----

let live = false;
let source = null;
let retryMs = 1000;

function renderLive() {
  const el = $('[data-testid=live]');
  el.dataset.state = live ? 'live' : 'offline';
  el.textContent = t(live ? 'live.on' : 'live.off');
  el.title = t(live ? 'live.onTitle' : 'live.offTitle');
}

function setLive(value) {
  if (live === value) return;
  live = value;
  renderLive();
  queues.setLive(value);
}

function connect() {
  source = new EventSource('/api/ops/events');
  source.addEventListener('open', () => {
    retryMs = 1000;
    setLive(true);
  });
  source.addEventListener('error', () => {
    setLive(false);
    // EventSource retries by itself after a dropped stream, but gives up for good after an HTTP error answer.
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      setTimeout(connect, retryMs);
      retryMs = Math.min(30_000, retryMs * 2);
    }
  });
  source.addEventListener('queues', (event) => queues.onQueues(parse(event.data)));
  source.addEventListener('mint', () => feed.onMint());
  source.addEventListener('job', () => {
    // Jobs the page started are followed by their own long-poll; nothing else on the page depends on others'.
  });
}

function parse(data) {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

// ---- behaviours shared by all views ----

function initShared() {
  document.addEventListener('click', (event) => {
    const copy = event.target.closest('button[data-action=copy]');
    if (copy) {
      handleCopyClick(copy);
      return;
    }
    const detail = event.target.closest('button[data-action=detail][data-job-id]');
    if (detail) jobDetail.open(detail.dataset.jobId);
  });

  // Tooltips are shown by CSS on hover and focus; they are fixed-positioned here so that a table's scroll box does
  // not clip them.
  const place = (event) => {
    const anchor = event.target.closest?.('.has-tip');
    const tip = anchor?.querySelector('[role=tooltip]');
    if (!tip) return;
    anchor.classList.remove('tip-dismissed');
    const box = anchor.getBoundingClientRect();
    tip.style.maxWidth = `${Math.min(320, window.innerWidth - 16)}px`;
    tip.style.left = `${Math.max(8, box.left)}px`;
    tip.style.top = `${box.bottom + 6}px`;
    // Once shown, keep it inside the window: shift left, or flip above when it would run off the bottom.
    requestAnimationFrame(() => {
      const size = tip.getBoundingClientRect();
      if (size.right > window.innerWidth - 8) tip.style.left = `${Math.max(8, window.innerWidth - size.width - 8)}px`;
      if (size.bottom > window.innerHeight - 8) tip.style.top = `${Math.max(8, box.top - size.height - 6)}px`;
    });
  };
  document.addEventListener('pointerover', place);
  document.addEventListener('focusin', place);
  // Escape hides an open tooltip without moving focus (WCAG 1.4.13).
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') event.target.closest?.('.has-tip')?.classList.add('tip-dismissed');
  });
  window.addEventListener('scroll', () => {
    for (const tip of $$('.has-tip')) tip.classList.add('tip-dismissed');
  }, { passive: true, capture: true });
}

function start() {
  initLanguage();
  initKeyDialog();
  initConfirmDialog();
  jobDetail.init();
  initShared();
  for (const view of Object.values(VIEWS)) view.init();
  renderLive();
  initTabs();
  initAccess();
  connect();
}

start();
