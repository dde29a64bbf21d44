// Tracking a job the page started: POST → 202 {jobId} → GET /api/jobs/{id}?wait=1 until done or failed, shown in the
// view's [data-testid=job-status] element. The server long-polls, so the loop costs one request a second at most
// and reports the finish at once.
import { getJson, enc } from './api.js';
import { h, sleep, jobIdButton, errorText, fmtNum } from './dom.js';
import { t } from './i18n.js';

const FINISHED = new Set(['done', 'failed']);

/** Follows one job until it finishes; `onUpdate` sees every state. Network blips are retried, a 404 is not. */
export async function trackJob(jobId, { signal, onUpdate }) {
  let backoff = 0;
  for (;;) {
    let job;
    try {
      job = await getJson(`/api/jobs/${enc(jobId)}?wait=1`, { signal });
      backoff = 0;
    } catch (error) {
      if (signal?.aborted) throw error;
      const transient = error.status === 0 || error.status === 429 || error.status >= 500;
      if (!transient) throw error;
      backoff = Math.min(8000, backoff ? backoff * 2 : 500);
      onUpdate?.(null, error);
      await sleep(backoff, signal);
      continue;
    }
    onUpdate?.(job);
    if (FINISHED.has(job.status)) return job;
  }
}

/**
 * One view's job line. Starting a new job abandons the previous one's tracking (the view shows the latest), and the
 * line is redrawn from its state when the language changes.
 */
export class JobStatus {
  constructor(el) {
    this.el = el;
    this.controller = null;
    this.state = null; // {state, jobId, attempts, error, note}
    el.hidden = true;
  }

  /**
   * `start()` sends the request and resolves to `{jobId}`; `onDone(job, signal)` fetches and shows the result.
   * Resolves to the finished job, or null when refused, failed or superseded.
   */
  async run(start, onDone) {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    this.set({ state: 'sending' });

    let accepted;
    try {
      accepted = await start(signal);
    } catch (error) {
      if (!signal.aborted) this.set({ state: 'error', error: errorText(error) });
      return null;
    }
    const jobId = accepted?.jobId;
    if (!jobId) {
      this.set({ state: 'error', error: t('job.noId') });
      return null;
    }
    this.set({ state: 'queued', jobId });

    try {
      const job = await trackJob(jobId, {
        signal,
        onUpdate: (update, error) => {
          if (update) this.set({ state: update.status, jobId, attempts: update.attempts, error: update.status === 'failed' ? update.error : null });
          else this.set({ ...this.state, note: errorText(error) });
        },
      });
      if (job.status !== 'done') return null;
      try {
        await onDone?.(job, signal);
      } catch (error) {
        if (!signal.aborted) this.set({ ...this.state, error: errorText(error), errorState: 'error' });
      }
      return job;
    } catch (error) {
      if (!signal.aborted) this.set({ state: 'error', jobId, error: errorText(error) });
      return null;
    }
  }

  set(state) {
    this.state = state;
    this.render();
  }

  render() {
    const s = this.state;
    if (!s) {
      this.el.hidden = true;
      return;
    }
    const { el } = this;
    el.hidden = false;
    el.dataset.state = s.state;
    if (s.jobId) el.dataset.jobId = s.jobId;
    else delete el.dataset.jobId;
    const parts = [h('span', { class: 'job-state', 'data-state': s.state, text: t(`state.${s.state}`) })];
    if (s.jobId) parts.push(' ', h('span', { class: 'muted', text: t('job.label') }), ' ', jobIdButton(s.jobId));
    if (s.attempts > 1) parts.push(' ', h('span', { class: 'job-attempts', text: t('job.attempts', { n: fmtNum(s.attempts, 0) }) }));
    if (s.note && !FINISHED.has(s.state)) parts.push(' ', h('span', { class: 'muted small', text: `(${t('job.retrying')}: ${s.note})` }));
    if (s.error) {
      parts.push(h('div', {
        class: 'job-error', 'data-testid': 'job-error',
        'data-state': s.errorState ?? (s.state === 'failed' ? 'failed' : 'error'),
        role: 'alert', text: s.error,
      }));
    }
    el.replaceChildren(...parts);
  }
}
