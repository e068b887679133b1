// Collections: create, ingest files with properties, follow each document's status, list documents with
// their file links, and query (contexts with scores, pages and snippets).
import { api, upload } from './api.js';
import { $, date, el, rows, toast } from './dom.js';
import { t } from './i18n.js';

let polling = null;

const selected = () => $('#col-select').value;
const base = () => '/v1/alRetrieval/collections/' + encodeURIComponent(selected());

export function parseJsonObject(text) {
  if (!text.trim()) return null;
  const value = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(t('badJson'));
  return value;
}

async function loadCollections(select) {
  const list = (await api('/v1/alRetrieval/collections')).collections;
  const box = $('#col-select');
  const keep = select ?? box.value;
  box.replaceChildren(...list.map((c) => el('option', { value: c.collection_id, text: c.collection_id + ' · ' + date(c.created_at) })));
  if (keep && list.some((c) => c.collection_id === keep)) box.value = keep;
}

async function documents() {
  clearTimeout(polling);
  if (!selected()) { rows($('#documents'), [], () => []); return; }
  const docs = (await api(base() + '/documents')).documents;
  rows($('#documents'), docs, (d) => [
    d.file_url ? el('a', { href: d.file_url, dir: 'auto', text: d.filename, rel: 'noreferrer', target: '_blank' }) : d.filename,
    el('td', { class: 'doc-status', 'data-status': d.status, text: d.status }),
    d.pages ?? '—', d.metadata ? el('code', { dir: 'ltr', text: JSON.stringify(d.metadata) }) : '', date(d.created_at)]);
  if (docs.some((d) => d.status === 'processing' || d.status === 'queued')) {
    polling = setTimeout(() => documents().catch((e) => toast(e.message, true)), 1500);
  }
}

function contextItem(c) {
  const pages = c.page_start === c.page_end ? String(c.page_start) : c.page_start + '–' + c.page_end;
  return el('li', { class: 'context' },
    el('div', { class: 'ctx-head', dir: 'auto' },
      (c.title || '') + ' · ' + t('pages') + ' ' + pages + ' · ' + t('score') + ' ',
      el('span', { class: 'score', text: Number(c.score).toFixed(3) })),
    el('div', { class: 'ctx-text', dir: 'auto', text: c.snippet }));
}

export function init() {
  $('#col-select').addEventListener('change', () => documents().catch((e) => toast(e.message, true)));
  $('#col-create').addEventListener('click', async () => {
    try {
      const c = await api('/v1/alRetrieval/collections', { method: 'POST' });
      await loadCollections(c.collection_id);
      await documents();
    } catch (e) { toast(e.message, true); }
  });
  $('#ingest-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('#ingest-file').files[0];
    if (!file || !selected()) return;
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const metadata = parseJsonObject($('#ingest-metadata').value);
      if (metadata) form.append('metadata', JSON.stringify(metadata));
      await upload(base() + '/documents/ingest', form, (p) => { $('#ingest-progress').value = p; });
      $('#ingest-file').value = '';
      await documents();
    } catch (err) { toast(err.message, true); }
  });
  $('#query-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api(base() + '/query', { method: 'POST', json: { query: $('#query-text').value } });
      const list = $('#query-results');
      list.replaceChildren(...r.context.map(contextItem));
      if (!r.context.length) list.append(el('li', { text: t('noResults') }));
    } catch (err) { toast(err.message, true); }
  });
}

export async function show() {
  await loadCollections();
  await documents();
}
