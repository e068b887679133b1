// Usage: requests and tokens by model and by day (GET /v1/usage, or /v1/admin/usage for everyone), as charts.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { api } from './api.js';
import { $, el, num, rows } from './dom.js';
import { t } from './i18n.js';

const COLOURS = ['#1f5f8b', '#c0392b', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#2c3e50'];
const charts = {};

const isoDay = (d) => d.toISOString().slice(0, 10);

function chart(target, days, series, value) {
  const x = days.map((d) => Date.parse(d + 'T00:00:00Z') / 1000);
  const data = [x, ...series.map((s) => days.map((d) => value(s.byDay[d])))];
  const opts = {
    width: Math.max(320, target.clientWidth - 2), height: 220,
    series: [{}, ...series.map((s, i) => ({ label: s.model, stroke: COLOURS[i % COLOURS.length], width: 2,
      points: { show: true } }))],
    axes: [{}, { size: 60 }],
    scales: { x: { time: true } },
  };
  charts[target.id]?.destroy();
  target.replaceChildren();
  charts[target.id] = new uPlot(opts, data, target);
}

export function init(ctx) {
  const to = new Date();
  const from = new Date(Date.now() - 29 * 86400000);
  $('#usage-from').value = isoDay(from);
  $('#usage-to').value = isoDay(to);
  $('#usage-all-box').hidden = !ctx.me.scopes.includes('admin');
  $('#usage-form').addEventListener('submit', (e) => { e.preventDefault(); show(ctx); });
}

export async function show() {
  const query = new URLSearchParams({ from: $('#usage-from').value, to: $('#usage-to').value });
  const path = ($('#usage-all').checked ? '/v1/admin/usage' : '/v1/usage') + '?' + query;
  const report = await api(path);
  const days = [];
  for (let d = new Date(report.from + 'T00:00:00Z'); isoDay(d) <= report.to; d = new Date(d.getTime() + 86400000)) {
    days.push(isoDay(d));
  }
  const byModel = new Map();
  for (const row of report.days) {
    if (!byModel.has(row.model)) byModel.set(row.model, { model: row.model, byDay: {} });
    byModel.get(row.model).byDay[row.date] = row;
  }
  const series = [...byModel.values()];
  chart($('#chart-requests'), days, series, (r) => (r ? r.requests : 0));
  chart($('#chart-tokens'), days, series, (r) => (r ? r.total_tokens : 0));
  rows($('#usage-models'), report.models, (m) => [el('code', { text: m.model }), num(m.requests),
    num(m.prompt_tokens), num(m.completion_tokens), num(m.total_tokens)]);
  if (!report.models.length) {
    $('#usage-models').tBodies[0].append(el('tr', {}, el('td', { colspan: 5, text: t('none') })));
  }
}
