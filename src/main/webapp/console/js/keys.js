// Keys: the caller's own keys (create within its own scopes, copy once, revoke); for the operator, teams and
// every key with its budgets.
import { api } from './api.js';
import { $, date, el, num, rows, toast } from './dom.js';
import { t } from './i18n.js';

const SCOPES = ['llm', 'models', 'ocr', 'alretrieval', 'deployment', 'metrics', 'admin'];

function scopeBoxes(fieldset, allowed, prefix) {
  fieldset.querySelectorAll('label').forEach((l) => l.remove());
  for (const s of SCOPES.filter((x) => allowed.includes(x))) {
    fieldset.append(el('label', {}, el('input', { type: 'checkbox', value: s, id: prefix + s, checked: s !== 'admin' }), s));
  }
}

const checked = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((i) => i.value);
const optionalNumber = (input) => (input.value === '' ? undefined : Number(input.value));

function showSecret(key) {
  $('#new-key-value').textContent = key;
  $('#new-key').hidden = false;
}

function revokeButton(path, after) {
  return el('button', {
    type: 'button', class: 'danger', text: t('revokeKey'),
    onclick: async () => {
      if (!confirm(t('confirmRevoke'))) return;
      try { await api(path, { method: 'DELETE' }); toast(t('revoked')); await after(); } catch (e) { toast(e.message, true); }
    },
  });
}

export function init(ctx) {
  scopeBoxes($('#key-scopes'), ctx.me.scopes, 'scope-');
  scopeBoxes($('#admin-key-scopes'), SCOPES, 'admin-scope-');
  $('#key-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const created = await api('/v1/keys', { method: 'POST', json: {
        name: $('#key-name').value, scopes: checked($('#key-scopes')),
        ocr_page_balance: optionalNumber($('#key-ocr')), request_limit: optionalNumber($('#key-requests')),
      } });
      e.target.reset();
      scopeBoxes($('#key-scopes'), ctx.me.scopes, 'scope-');
      showSecret(created.key);
      await show(ctx);
    } catch (err) { toast(err.message, true); }
  });
  $('#new-key-copy').addEventListener('click', async () => {
    try { await navigator.clipboard.writeText($('#new-key-value').textContent); toast(t('copied')); } catch (e) { toast(e.message, true); }
  });
  $('#new-key-done').addEventListener('click', () => { $('#new-key-value').textContent = ''; $('#new-key').hidden = true; });
  $('#team-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('/v1/admin/teams', { method: 'POST', json: {
        name: $('#team-name').value, trial: $('#team-trial').checked, daily_request_limit: optionalNumber($('#team-daily')),
      } });
      e.target.reset();
      await show(ctx);
    } catch (err) { toast(err.message, true); }
  });
  $('#admin-key-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const created = await api('/v1/admin/keys', { method: 'POST', json: {
        name: $('#admin-key-name').value, scopes: checked($('#admin-key-scopes')),
        team_id: $('#admin-key-team').value || undefined,
        ocr_page_balance: optionalNumber($('#admin-key-ocr')), request_limit: optionalNumber($('#admin-key-requests')),
      } });
      e.target.reset();
      scopeBoxes($('#admin-key-scopes'), SCOPES, 'admin-scope-');
      showSecret(created.key);
      window.scrollTo(0, 0);
      await show(ctx);
    } catch (err) { toast(err.message, true); }
  });
}

export async function show(ctx) {
  const own = (await api('/v1/keys')).keys;
  rows($('#own-keys'), own, (k) => [k.name, el('code', { dir: 'ltr', text: k.prefix + '…' }), k.scopes.join(' '),
    num(k.ocr_page_balance), num(k.request_limit), num(k.requests_used), date(k.created_at),
    k.revoked_at ? t('revoked') : revokeButton('/v1/keys/' + encodeURIComponent(k.id), () => show(ctx))]);
  const admin = ctx.me.scopes.includes('admin');
  $('#admin-keys').hidden = !admin;
  if (!admin) return;
  const [teams, all] = await Promise.all([api('/v1/admin/teams'), api('/v1/admin/keys')]);
  rows($('#teams'), teams.teams, (tm) => [tm.name, el('code', { text: tm.id }), tm.trial ? '✓' : '',
    num(tm.daily_request_limit), date(tm.created_at)]);
  const select = $('#admin-key-team');
  const current = select.value;
  select.replaceChildren(el('option', { value: '', text: t('noTeam') }),
    ...teams.teams.map((tm) => el('option', { value: tm.id, text: tm.name + ' (' + tm.id + ')' })));
  select.value = current;
  rows($('#all-keys'), all.keys, (k) => [k.name, el('code', { dir: 'ltr', text: k.prefix + '…' }), k.team_id || '—',
    k.scopes.join(' '), num(k.ocr_page_balance), num(k.request_limit), num(k.requests_used),
    num(k.request_limit === null || k.request_limit === undefined ? null : Math.max(0, k.request_limit - k.requests_used)),
    k.revoked_at ? t('revoked') : t('active'),
    k.revoked_at ? '' : revokeButton('/v1/admin/keys/' + encodeURIComponent(k.id), () => show(ctx))]);
}
