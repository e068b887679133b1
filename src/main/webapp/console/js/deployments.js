// Deployments: the team's deployments (every team's for the operator), a chat that shows which contexts each
// answer used, and a metadata filter.
import { api, events } from './api.js';
import { $, el, toast } from './dom.js';
import { t } from './i18n.js';
import { message, readStream } from './chat.js';
import { parseJsonObject } from './collections.js';
import { list as models } from './models.js';

let deployments = [];
let history = [];

const current = () => deployments.find((d) => d.id === $('#dep-select').value);

function contextList(contexts) {
  return el('details', { class: 'used', open: true },
    el('summary', { text: t('contextsUsed') + ' (' + contexts.length + ')' }),
    el('ol', { class: 'contexts' }, ...contexts.map((c) => el('li', { class: 'context' },
      el('div', { class: 'ctx-head', dir: 'auto' },
        (c.filename || c.title || c.document_id) + ' · ' + t('pages') + ' ' + (c.pages || []).join(', ') + ' · '
        + t('score') + ' ' + Number(c.score).toFixed(3)),
      el('div', { class: 'ctx-text', dir: 'auto', text: c.text })))));
}

async function teams(ctx) {
  if (ctx.me.scopes.includes('admin')) return (await api('/v1/admin/teams')).teams.map((tm) => tm.id);
  return ctx.me.team_ids;
}

function describe() {
  const d = current();
  $('#dep-info').textContent = d ? d.model + (d.system_prompt ? ' · ' + d.system_prompt : '')
    + ' · ' + d.collection_ids.join(', ') : t('noDeployments');
}

export function init(ctx) {
  const admin = ctx.me.scopes.includes('admin');
  $('#dep-create-box').hidden = !admin;
  $('#dep-select').addEventListener('change', () => { history = []; $('#dep-chat').replaceChildren(); describe(); });
  $('#dep-clear').addEventListener('click', () => { history = []; $('#dep-chat').replaceChildren(); });
  $('#dep-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const team = $('#dep-team').value;
      const d = await api('/v1/admin/teams/' + encodeURIComponent(team) + '/deployments', { method: 'POST', json: {
        name: $('#dep-name').value, model: $('#dep-model').value, system_prompt: $('#dep-system').value || undefined,
        collection_ids: $('#dep-collections').value.split(',').map((s) => s.trim()).filter(Boolean),
      } });
      e.target.reset();
      await show(ctx, d.id);
    } catch (err) { toast(err.message, true); }
  });
  $('#dep-form-chat').addEventListener('submit', async (e) => {
    e.preventDefault();
    const d = current();
    const text = $('#dep-input').value.trim();
    if (!d || !text) return;
    let filter;
    try { filter = parseJsonObject($('#dep-filter').value); } catch (err) { toast(err.message, true); return; }
    const body = { messages: [...history, { role: 'user', content: text }], stream: true };
    if (filter) body.filter_metadata = filter;
    message($('#dep-chat'), 'user', text);
    const answer = message($('#dep-chat'), 'assistant');
    $('#dep-input').value = '';
    $('#dep-send').disabled = true;
    let contexts = [];
    try {
      const reply = await readStream(events(d.chat_completions_path, { method: 'POST', json: body }), answer.body,
        (chunk) => { if (chunk.contexts?.length) contexts = chunk.contexts; });
      answer.box.append(contextList(contexts));
      history.push({ role: 'user', content: text }, { role: 'assistant', content: reply });
    } catch (err) {
      answer.body.textContent = err.message;
      toast(err.message, true);
    } finally {
      $('#dep-send').disabled = false;
    }
  });
}

export async function show(ctx, select) {
  const ids = await teams(ctx);
  const lists = await Promise.all(ids.map((id) => api('/v1/admin/teams/' + encodeURIComponent(id) + '/deployments')
    .then((r) => r.deployments).catch(() => [])));
  deployments = lists.flat();
  const box = $('#dep-select');
  const keep = select ?? box.value;
  box.replaceChildren(...deployments.map((d) => el('option', { value: d.id, text: d.name + ' (' + d.team_id + ')' })));
  if (keep && deployments.some((d) => d.id === keep)) box.value = keep;
  describe();
  if (ctx.me.scopes.includes('admin')) {
    $('#dep-team').replaceChildren(...ids.map((id) => el('option', { value: id, text: id })));
    if (!$('#dep-model').options.length) {
      for (const m of (await models()).filter((x) => x.type === 'llm')) $('#dep-model').append(new Option(m.id, m.id));
    }
  }
}
