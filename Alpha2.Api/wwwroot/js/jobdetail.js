// The job detail dialog, opened from any job id on the page: everything the API knows about one job, for finding
// out why it failed. Each open bumps a ticket so a slow answer for a previous job cannot overwrite the current one.
import { getJson, enc } from './api.js';
import { h, $, errorText, timeEl, copyButton, fmtNum } from './dom.js';
import { t } from './i18n.js';

let dialog;
let body;
let ticket = 0;
let current = null;

export function init() {
  dialog = $('[data-testid=job-detail]');
  body = $('#job-detail-body');
  $('#job-detail-close').addEventListener('click', () => dialog.close());
  // A click on the backdrop lands on the dialog element itself.
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
}

export async function open(jobId) {
  const mine = ++ticket;
  current = { jobId, job: null, error: null };
  $('#job-detail-title').textContent = t('detail.title');
  body.replaceChildren(h('p', { class: 'muted', text: t('detail.loading') }));
  if (!dialog.open) dialog.showModal();
  try {
    const job = await getJson(`/api/ops/jobs/${enc(jobId)}`);
    if (mine !== ticket) return;
    current.job = job;
  } catch (error) {
    if (mine !== ticket) return;
    current.error = error;
  }
  render();
}

export function relabel() {
  if (dialog?.open && current) render();
}

const pretty = (value) => (value == null ? '–' : JSON.stringify(value, null, 2));

function render() {
  const { jobId, job, error } = current;
  $('#job-detail-title').textContent = `${t('detail.title')} ${jobId}`;
  if (error) {
    body.replaceChildren(h('p', { class: 'job-error', 'data-state': 'error', role: 'alert', text: errorText(error) }));
    return;
  }
  const row = (label, ...value) => [h('dt', { text: t(label) }), h('dd', {}, ...value)];
  const attempts = Array.isArray(job.attempts) ? job.attempts : [];
  // replaceChildren would print a null as the text "null"; optional parts are filtered out first.
  body.replaceChildren(...[
    h('dl', { class: 'facts' },
      row('detail.id', h('span', { class: 'mono', text: job.id }), ' ', copyButton(job.id, 'copy.id')),
      row('detail.queue', h('span', { class: 'mono', text: job.queue })),
      row('detail.status', h('span', { class: 'job-state', 'data-state': job.status, text: t(`state.${job.status}`) })),
      row('detail.worker', h('span', { class: 'mono', text: job.worker || '–' })),
      row('detail.queuedAt', timeEl(job.queued_at)),
      row('detail.startedAt', timeEl(job.started_at)),
      row('detail.finishedAt', timeEl(job.finished_at)),
      row('detail.attemptCount', fmtNum(job.attempt_count, 0)),
      job.trace_id ? row('detail.trace', h('span', { class: 'mono', text: job.trace_id })) : null,
    ),
    job.error ? h('div', { class: 'job-error', 'data-state': 'failed', text: job.error }) : null,
    h('h3', { text: t('detail.attempts') }),
    attempts.length
      ? h('ol', { class: 'attempts' }, attempts.map((a) => h('li', {},
        h('span', { class: 'mono', text: `#${a.claim}` }), ' ',
        a.error ? h('span', { class: 'error-text', text: a.error }) : h('span', { class: 'muted', text: t('detail.noError') }))))
      : h('p', { class: 'muted', text: t('detail.noAttempts') }),
    h('h3', { text: t('detail.payload') }),
    h('pre', { class: 'json', tabindex: '0' }, pretty(job.payload)),
    h('h3', { text: t('detail.result') }),
    h('pre', { class: 'json', tabindex: '0' }, pretty(job.result)),
  ].filter(Boolean));
}
