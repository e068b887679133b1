// OCR: upload with upload progress, the job's progress from its server-sent events, the thumbnail strip and a
// page viewer (the page image beside its text), retry of a failed job.
import { api, events, upload } from './api.js';
import { $, el, toast } from './dom.js';
import { t } from './i18n.js';

const JOBS = 'qalam.ocr.jobs';
let current = null;
let following = null;

const remembered = () => JSON.parse(sessionStorage.getItem(JOBS) || '[]');

function remember(token, filename) {
  const jobs = remembered().filter((j) => j.token !== token);
  jobs.unshift({ token, filename });
  sessionStorage.setItem(JOBS, JSON.stringify(jobs.slice(0, 20)));
  listJobs();
}

function listJobs() {
  $('#ocr-jobs').replaceChildren(...remembered().map((j) => el('li', {},
    el('button', { type: 'button', class: 'link', dir: 'auto', text: j.filename + ' · ' + j.token, onclick: () => open(j.token) }))));
}

function setStatus(status, progress) {
  $('#ocr-status').textContent = status;
  $('#ocr-status').dataset.status = status;
  if (progress !== undefined) $('#ocr-job-progress').value = progress;
}

async function follow(token) {
  following?.abort();
  following = new AbortController();
  const mine = following;
  try {
    for await (const { data } of events('/v1/ocr/jobs/' + encodeURIComponent(token) + '/events', { signal: mine.signal })) {
      const p = JSON.parse(data);
      setStatus(p.status, p.progress);
      if (p.page_num && current === token) await thumbnails(token);
    }
  } catch (e) {
    if (e.name !== 'AbortError') toast(e.message, true);
  }
  if (mine === following && current === token) await load(token);
}

async function load(token) {
  const job = await api('/v1/ocr/jobs/' + encodeURIComponent(token));
  setStatus(job.status, job.progress);
  $('#ocr-error').textContent = job.error || '';
  $('#ocr-retry').hidden = job.status !== 'error';
  await thumbnails(token);
  if (job.status === 'done' && job.pages.length) await page(token, job.pages[0].page_num);
  return job;
}

async function thumbnails(token) {
  const strip = $('#ocr-thumbs');
  const all = [];
  for (let start = 0, more = true; more; ) {
    const r = await api('/v1/ocr/thumbnails/' + encodeURIComponent(token) + '?start=' + start + '&limit=50');
    all.push(...r.thumbnails);
    more = r.has_more;
    start = r.end;
  }
  strip.replaceChildren(...all.map((th) => el('button', {
    type: 'button', 'data-page': th.page_num, title: t('page') + ' ' + th.page_num, onclick: () => page(token, th.page_num),
  }, el('img', { src: th.data || th.url, alt: t('page') + ' ' + th.page_num }))));
}

async function page(token, n) {
  const p = await api('/v1/ocr/jobs/' + encodeURIComponent(token) + '/' + n);
  for (const b of $('#ocr-thumbs').children) b.classList.toggle('active', b.dataset.page === String(n));
  const img = $('#ocr-page-image');
  if (p.image?.url) img.src = p.image.url; else img.removeAttribute('src');
  img.alt = t('page') + ' ' + n;
  $('#ocr-page-caption').textContent = t('page') + ' ' + n;
  const text = $('#ocr-page-text');
  text.textContent = p.text || '';
  text.dataset.page = String(n);
}

async function open(token) {
  current = token;
  $('#ocr-page-text').textContent = '';
  $('#ocr-page-image').removeAttribute('src');
  $('#ocr-thumbs').replaceChildren();
  try {
    const job = await load(token);
    if (job.status === 'queued' || job.status === 'processing') follow(token);
  } catch (e) { toast(e.message, true); }
}

export function init() {
  listJobs();
  $('#ocr-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('#ocr-file').files[0];
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    $('#ocr-upload-progress').value = 0;
    setStatus('', 0);
    $('#ocr-error').textContent = '';
    try {
      const r = await upload('/v1/ocr/upload', form, (p) => { $('#ocr-upload-progress').value = p; });
      remember(r.token, file.name);
      current = r.token;
      setStatus(r.status, r.progress);
      $('#ocr-thumbs').replaceChildren();
      $('#ocr-page-text').textContent = '';
      follow(r.token);
    } catch (err) { $('#ocr-error').textContent = err.message; }
  });
  $('#ocr-retry').addEventListener('click', async () => {
    try {
      const r = await api('/v1/ocr/jobs/' + encodeURIComponent(current) + '/retry', { method: 'POST' });
      $('#ocr-retry').hidden = true;
      $('#ocr-error').textContent = '';
      setStatus(r.status);
      follow(current);
    } catch (e) { toast(e.message, true); }
  });
}

export async function show() {
  listJobs();
}
