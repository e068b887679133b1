// The console's shell: sign-in and sign-out, the language switch and the sections (#keys, #usage, ...).
import { api, onUnauthorized, session } from './api.js';
import { $, $$, toast } from './dom.js';
import { applyLanguage, switchLanguage, t } from './i18n.js';
import * as sso from './sso.js';
import * as keys from './keys.js';
import * as usage from './usage.js';
import * as models from './models.js';
import * as playground from './playground.js';
import * as ocr from './ocr.js';
import * as collections from './collections.js';
import * as deployments from './deployments.js';

const VIEWS = { keys, usage, models, playground, ocr, collections, deployments };
const context = { me: null };
const started = new Set();

async function showView() {
  if (!context.me) return;
  const name = VIEWS[location.hash.slice(1)] ? location.hash.slice(1) : 'keys';
  for (const a of $$('.side a')) a.classList.toggle('active', a.dataset.view === name);
  for (const s of $$('.view')) s.hidden = s.id !== 'view-' + name;
  const view = VIEWS[name];
  try {
    if (!started.has(name)) { started.add(name); view.init(context); }
    await view.show(context);
  } catch (e) {
    toast(e.message, true);
  }
}

async function enter() {
  try {
    context.me = await api('/v1/me');
  } catch (e) {
    session.clear();
    showSignIn(e.status === 401 ? t('expired') : e.message);
    return;
  }
  $('#signin').hidden = true;
  $('#app').hidden = false;
  $('#sign-out').hidden = false;
  $('#whoami').textContent = context.me.subject + (context.me.team_id ? ' · ' + context.me.team_id : '');
  document.body.dataset.signedIn = 'true';
  await showView();
}

function showSignIn(message = '') {
  context.me = null;
  delete document.body.dataset.signedIn;
  $('#app').hidden = true;
  $('#sign-out').hidden = true;
  $('#whoami').textContent = '';
  $('#signin').hidden = false;
  $('#signin-error').textContent = message;
}

function signOut() {
  session.clear();
  started.clear();
  location.hash = '';
  // A fresh page: nothing of the last session (keys shown, chats, results) stays on screen.
  location.reload();
}

async function start() {
  applyLanguage();
  $('#lang-switch').addEventListener('click', () => switchLanguage());
  $('#sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', showView);
  onUnauthorized(() => { session.clear(); showSignIn(t('expired')); });
  $('#signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = $('#signin-key').value.trim();
    $('#signin-key').value = '';
    session.set(key);
    await enter();
  });
  let config = { oidc: null };
  try { config = await (await fetch('/console/config.json')).json(); } catch (e) { /* no SSO */ }
  if (config.oidc) {
    $('#sso-box').hidden = false;
    $('#sso-signin').addEventListener('click', () => sso.signIn(config.oidc).catch((e) => showSignIn(e.message)));
    try {
      const token = await sso.completeSignIn(config.oidc);
      if (token) session.set(token);
    } catch (e) {
      showSignIn(e.message);
      return;
    }
  }
  if (session.token) await enter(); else showSignIn();
}

start();
