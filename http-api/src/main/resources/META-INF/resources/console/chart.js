// The trends chart: a stacked bar chart of each day's cases by category, drawn as inline SVG.

import { $, dayFormat, el, label, svg } from './dom.js';

/** Colour-blind-safe colours (Okabe–Ito) for the chart's categories. */
const CATEGORY_COLOURS = {
  pothole_report: '#0072B2', fault_report: '#E69F00', complaint: '#D55E00', query: '#009E73', other: '#CC79A7',
};

const SPARE_COLOURS = ['#56B4E9', '#F0E442', '#000000'];

function colourOf(category, index) {
  return CATEGORY_COLOURS[category] ?? SPARE_COLOURS[index % SPARE_COLOURS.length];
}

export function shortDay(iso) {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : dayFormat.format(date);
}

/** A stacked bar chart of each day's cases by category, drawn as inline SVG. */
export function renderChart(days, categories) {
  const width = 800;
  const height = 280;
  const margin = { top: 12, right: 12, bottom: 44, left: 44 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const max = Math.max(1, ...days.map((day) => day.total ?? 0),
    ...days.map((day) => Object.values(day.byCategory ?? {}).reduce((a, b) => a + b, 0)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (value) => margin.top + plotH - (value / top) * plotH;
  const slot = plotW / Math.max(days.length, 1);
  const barW = Math.max(2, slot * 0.7);
  const total = days.reduce((sum, day) => sum + (day.total ?? 0), 0);

  const grid = [];
  for (let value = 0; value <= top; value += step) {
    grid.push(svg('line', { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), stroke: value === 0 ? '#1b1b1b' : '#d0d3d5', 'stroke-width': 1 }));
    grid.push(svg('text', { x: margin.left - 6, y: y(value) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#1b1b1b' }, String(value)));
  }

  const labelEvery = Math.ceil(days.length / 10);
  const bars = days.map((day, index) => {
    const x = margin.left + index * slot + (slot - barW) / 2;
    let base = 0;
    const parts = categories.map((category, ci) => {
      const count = day.byCategory?.[category] ?? 0;
      if (!count) return null;
      const rect = svg('rect', { x, y: y(base + count), width: barW, height: y(base) - y(base + count), fill: colourOf(category, ci) },
        svg('title', {}, `${day.date}: ${label(category)} ${count}`));
      base += count;
      return rect;
    });
    const tick = index % labelEvery === 0
      ? svg('text', { x: x + barW / 2, y: height - margin.bottom + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#1b1b1b' }, shortDay(day.date))
      : null;
    return svg('g', {}, parts, tick);
  });

  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc', focusable: 'false',
  },
  svg('title', { id: 'chart-title' }, 'Cases received each day, by category'),
  svg('desc', { id: 'chart-desc' }, `${days.length} days, ${total} cases in all. The same figures are in the table "Daily figures as a table" below.`),
  grid, bars,
  svg('text', { x: margin.left + plotW / 2, y: height - 6, 'text-anchor': 'middle', 'font-size': 12, fill: '#505a5f' }, 'Day'));
  $('trends-chart').replaceChildren(chart);
  $('chart-legend').replaceChildren(...categories.map((category, ci) => el('li', {}, swatch(colourOf(category, ci)), label(category))));
}

/** A legend's colour square: coloured through the CSSOM, as the Content-Security-Policy refuses style attributes. */
function swatch(colour) {
  const node = el('span', { class: 'swatch' });
  node.style.background = colour;
  return node;
}

function niceStep(max) {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return Math.max(1, nice * power);
}
