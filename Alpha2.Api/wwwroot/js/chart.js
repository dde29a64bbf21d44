// A small SVG line chart: a few series over a time axis, y from 0 to a rounded maximum, gaps where a value is null,
// and a hover read-out in the legend. Drawn at the container's real width (re-drawn on resize) so that labels keep
// their size on a phone instead of being scaled down with the whole picture.
import { h, svg, fmtClock, fmtNum } from './dom.js';

const HEIGHT = 170;
const MARGIN = { top: 10, right: 12, bottom: 22 };

export const PALETTE = ['#4cc2ff', '#f0883e', '#3fb950', '#d2a8ff', '#f85149', '#e3b341', '#39c5cf', '#ff7eb6', '#a5d6ff', '#8b949e', '#7ee787', '#ffa657'];

const drawn = new WeakMap();
const resizeObserver = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const state = drawn.get(entry.target);
    const width = Math.round(entry.contentRect.width);
    if (state && width > 0 && Math.abs(width - state.width) > 1) draw(entry.target, state.options);
  }
});

/**
 * Draws into `host` (emptied first).
 * options: { title, series: [{name, color, points: [{t (unix s), v (number|null)}]}], format(v) → text, from, to (unix s) }
 */
export function lineChart(host, options) {
  if (!drawn.has(host)) resizeObserver.observe(host);
  draw(host, options);
}

/** Rounds a maximum up to 1, 2 or 5 × 10ⁿ so the top label is a readable number. */
function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const fraction = value / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

function draw(host, options) {
  const { series, format = (v) => fmtNum(v, 1), title } = options;
  const width = Math.max(240, Math.round(host.clientWidth || 600));
  drawn.set(host, { width: host.clientWidth, options });

  const times = series.flatMap((s) => s.points.map((p) => p.t));
  const from = options.from ?? Math.min(...times);
  const to = options.to ?? Math.max(...times);
  const values = series.flatMap((s) => s.points.map((p) => p.v)).filter((v) => v != null && Number.isFinite(v));
  const yMax = niceMax(Math.max(0, ...values));

  // The left margin fits the longer y label (about 6 px a character at the axis font size).
  const left = Math.max(28, Math.max(format(yMax).length, format(0).length) * 6 + 10);
  const M = { ...MARGIN, left };
  const plotW = width - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const span = Math.max(1, to - from);
  const x = (t) => M.left + ((t - from) / span) * plotW;
  const y = (v) => M.top + plotH - (v / yMax) * plotH;

  const root = svg('svg', {
    class: 'chart-svg', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img', 'aria-label': title,
  });

  // Axes: the y range's two ends and up to five evenly spaced clock times.
  const axis = svg('g', { class: 'chart-axis' });
  axis.append(
    svg('line', { x1: M.left, y1: M.top, x2: M.left + plotW, y2: M.top, class: 'chart-grid' }),
    svg('line', { x1: M.left, y1: M.top + plotH / 2, x2: M.left + plotW, y2: M.top + plotH / 2, class: 'chart-grid' }),
    svg('line', { x1: M.left, y1: M.top + plotH, x2: M.left + plotW, y2: M.top + plotH, class: 'chart-base' }),
    svg('text', { x: M.left - 6, y: M.top + 4, 'text-anchor': 'end' }, format(yMax)),
    svg('text', { x: M.left - 6, y: M.top + plotH + 4, 'text-anchor': 'end' }, format(0)),
  );
  const ticks = Math.max(2, Math.min(5, Math.floor(plotW / 70)));
  for (let i = 0; i < ticks; i += 1) {
    const t = from + (span * i) / (ticks - 1);
    const anchor = i === 0 ? 'start' : i === ticks - 1 ? 'end' : 'middle';
    axis.append(
      svg('line', { x1: x(t), y1: M.top + plotH, x2: x(t), y2: M.top + plotH + 4, class: 'chart-base' }),
      svg('text', { x: x(t), y: HEIGHT - 6, 'text-anchor': anchor }, fmtClock(t * 1000)),
    );
  }
  root.append(axis);

  for (const s of series) {
    // Consecutive non-null points form one polyline; a lone point between gaps is drawn as a dot.
    let run = [];
    const flush = () => {
      if (run.length > 1) {
        root.append(svg('polyline', { points: run.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' '), fill: 'none', stroke: s.color, 'stroke-width': 1.75, 'stroke-linejoin': 'round' }));
      } else if (run.length === 1) {
        root.append(svg('circle', { cx: run[0][0], cy: run[0][1], r: 2.5, fill: s.color }));
      }
      run = [];
    };
    for (const p of s.points) {
      if (p.v == null || !Number.isFinite(p.v)) flush();
      else run.push([x(p.t), y(p.v)]);
    }
    flush();
  }

  const cursor = svg('line', { class: 'chart-cursor', x1: 0, x2: 0, y1: M.top, y2: M.top + plotH, visibility: 'hidden' });
  root.append(cursor);

  const readout = h('span', { class: 'chart-time muted' });
  const legendValues = new Map();
  const legend = h('ul', { class: 'chart-legend' },
    series.map((s) => {
      const value = h('span', { class: 'chart-value' });
      legendValues.set(s, value);
      const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = s.color;
      return h('li', {}, swatch, s.name, value);
    }),
    h('li', { class: 'chart-time-item' }, readout),
  );

  // The hover read-out: the time under the pointer and each series' value there.
  const allTimes = [...new Set(times)].sort((a, b) => a - b);
  root.addEventListener('pointermove', (event) => {
    const box = root.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * width;
    const t = from + ((px - M.left) / plotW) * span;
    let nearest = allTimes[0];
    for (const candidate of allTimes) if (Math.abs(candidate - t) < Math.abs(nearest - t)) nearest = candidate;
    if (nearest == null) return;
    cursor.setAttribute('x1', x(nearest));
    cursor.setAttribute('x2', x(nearest));
    cursor.setAttribute('visibility', 'visible');
    readout.textContent = fmtClock(nearest * 1000);
    for (const s of series) {
      const point = s.points.find((p) => p.t === nearest);
      legendValues.get(s).textContent = point?.v == null ? ' –' : ` ${format(point.v)}`;
    }
  });
  root.addEventListener('pointerleave', () => {
    cursor.setAttribute('visibility', 'hidden');
    readout.textContent = '';
    for (const value of legendValues.values()) value.textContent = '';
  });

  host.replaceChildren(title ? h('div', { class: 'chart-title', text: title }) : '', root, legend);
}
