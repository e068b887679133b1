// Models: the catalogue the server can serve now, with each model's measured average latency.
import { api } from './api.js';
import { $, el, num, rows } from './dom.js';

let cache = null;

/** The model list, fetched once per page. */
export async function list() {
  if (!cache) cache = (await api('/v1/models')).data;
  return cache;
}

export function init() {}

export async function show() {
  cache = null;
  rows($('#models'), await list(), (m) => [el('code', { text: m.id }), m.type, m.owned_by, num(m.avg_latency_ms)]);
}
