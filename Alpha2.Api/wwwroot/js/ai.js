// The AI box: a prompt to one configured model, priced per answer, against a daily spend cap. The catalog comes
// from the API so the selects offer exactly what the validator accepts.
import { getJson, postJson } from './api.js';
import { h, $, fmtNum, fmtUsd, fmtDateTime } from './dom.js';
import { t } from './i18n.js';
import { JobStatus } from './jobs.js';

// What the API ships with (AiOptions), used only while /api/ai/models cannot be read: the form stays usable and
// the server still validates.
const FALLBACK = {
  models: [
    { model: 'gemini-2.5-flash', provider: 'gemini', input_usd_per_million: 0.30, output_usd_per_million: 2.50 },
    { model: 'gemini-2.5-flash-lite', provider: 'gemini', input_usd_per_million: 0.10, output_usd_per_million: 0.40 },
    { model: 'gemini-2.5-pro', provider: 'gemini', input_usd_per_million: 1.25, output_usd_per_million: 10.00 },
    { model: 'llama-3.3-70b-versatile', provider: 'groq', input_usd_per_million: 0.59, output_usd_per_million: 0.79 },
    { model: 'llama-3.1-8b-instant', provider: 'groq', input_usd_per_million: 0.05, output_usd_per_million: 0.08 },
  ],
  default_max_tokens: 512,
  max_tokens: 2048,
  max_prompt_chars: 8000,
  spend_today_usd: null,
  daily_cap_usd: null,
};

let el;
let job;
let catalog = null;
let usingFallback = false;
let loaded = false;
let answer = null;

export function init() {
  el = {
    form: $('#ai-form'),
    provider: $('#ai-provider'),
    model: $('#ai-model'),
    prompt: $('#ai-prompt'),
    maxTokens: $('#ai-max-tokens'),
    count: $('#ai-prompt-count'),
    spend: $('[data-testid=ai-spend]'),
    meter: $('#ai-spend-meter'),
    note: $('#ai-catalog-note'),
    answer: $('[data-testid=ai-answer]'),
    tokens: $('[data-testid=ai-tokens]'),
    cost: $('[data-testid=ai-cost]'),
    truncated: $('[data-testid=ai-truncated]'),
    result: $('#ai-result'),
  };
  job = new JobStatus($('#view-ai [data-testid=job-status]'));
  el.provider.addEventListener('change', () => fillModels());
  el.prompt.addEventListener('input', updateCount);
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
}

export function show() {
  if (loaded) return;
  loaded = true;
  loadCatalog(true);
}

export function hide() {}

export function relabel() {
  job.render();
  if (catalog) {
    fillModels(el.model.value);
    renderSpend();
    renderNote();
  }
  renderAnswer();
  updateCount();
}

async function loadCatalog(first) {
  try {
    const data = await getJson('/api/ai/models');
    if (!Array.isArray(data?.models)) throw new Error(t('ai.badCatalog'));
    catalog = data;
    usingFallback = false;
  } catch (error) {
    if (!first && catalog) return; // keep the catalog we have; only the spend line goes stale
    catalog = FALLBACK;
    usingFallback = true;
  }
  if (first || !el.provider.options.length) fillProviders();
  else fillModels(); // a model's quota block may have started or ended
  applyLimits();
  renderSpend();
  renderNote();
}

function fillProviders() {
  const providers = [...new Set(catalog.models.map((m) => m.provider))];
  const current = el.provider.value;
  el.provider.replaceChildren(...providers.map((p) => h('option', { value: p }, p)));
  if (providers.includes(current)) el.provider.value = current;
  fillModels();
}

function fillModels(keep) {
  const current = keep ?? el.model.value;
  const models = catalog.models.filter((m) => m.provider === el.provider.value);
  el.model.replaceChildren(...models.map((m) => h('option', { value: m.model },
    `${m.model} — ${t('ai.price', { input: fmtUsd(m.input_usd_per_million), output: fmtUsd(m.output_usd_per_million) })}`
    + (m.blocked_until ? ` — ${t('ai.blocked', { until: fmtDateTime(m.blocked_until * 1000) })}` : ''))));
  if (models.some((m) => m.model === current)) el.model.value = current;
}

function applyLimits() {
  el.prompt.maxLength = catalog.max_prompt_chars;
  el.maxTokens.min = '1';
  el.maxTokens.max = String(catalog.max_tokens);
  if (!el.maxTokens.value) el.maxTokens.value = String(catalog.default_max_tokens);
  updateCount();
}

function updateCount() {
  if (!catalog) return;
  el.count.textContent = t('ai.chars', { n: fmtNum(el.prompt.value.length, 0), max: fmtNum(catalog.max_prompt_chars, 0) });
}

function renderSpend() {
  const spend = catalog.spend_today_usd;
  const cap = catalog.daily_cap_usd;
  if (spend == null || cap == null) {
    el.spend.textContent = t('ai.spendUnknown');
    el.meter.hidden = true;
    return;
  }
  el.spend.textContent = t('ai.spend', { spend: fmtUsd(spend), cap: fmtUsd(cap) });
  el.meter.hidden = false;
  const max = cap > 0 ? Number(cap) : 1;
  el.meter.max = max;
  el.meter.low = max * 0.7;
  el.meter.high = max * 0.9;
  el.meter.optimum = 0;
  el.meter.value = Math.min(Number(spend), max);
}

function renderNote() {
  el.note.hidden = !usingFallback;
  el.note.textContent = usingFallback ? t('ai.fallback') : '';
}

function send() {
  const body = {
    provider: el.provider.value,
    model: el.model.value,
    prompt: el.prompt.value,
    maxTokens: Number(el.maxTokens.value) || catalog?.default_max_tokens || 512,
  };
  answer = null;
  renderAnswer();
  job.run(
    (signal) => postJson('/api/ai/infer', body, { signal }),
    async (done) => {
      answer = done.result ?? {};
      renderAnswer();
      loadCatalog(false);
    },
  ).then((finished) => {
    // A failed answer may still have spent (the cap counts attempts), so the spend line is refreshed either way.
    if (!finished) loadCatalog(false);
  });
}

function renderAnswer() {
  el.result.hidden = !answer;
  el.answer.textContent = answer?.text ?? '';
  el.tokens.textContent = answer?.tokens != null ? fmtNum(answer.tokens, 0) : '–';
  el.cost.textContent = answer?.cost != null ? fmtUsd(answer.cost) : '–';
  // The provider stopped at maxTokens: the text is not the whole answer.
  el.truncated.hidden = answer?.truncated !== true;
}
