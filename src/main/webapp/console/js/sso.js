// Browser sign-in through the organisation's OpenID Connect provider: authorization code with PKCE (a public
// client, QALAM_OIDC_CLIENT_ID). The access token then serves as the bearer credential, as the API takes it.
const PENDING = 'qalam.sso.pending';

const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function random(n = 32) {
  return b64url(crypto.getRandomValues(new Uint8Array(n)));
}

async function discovery(issuer) {
  const r = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!r.ok) throw new Error('The identity provider did not answer its discovery document (' + r.status + ').');
  return r.json();
}

const redirectUri = () => location.origin + '/';

export async function signIn(oidc) {
  const meta = await discovery(oidc.issuer);
  const verifier = random(48);
  const state = random(16);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: oidc.client_id, redirect_uri: redirectUri(), scope: 'openid profile',
    code_challenge: challenge, code_challenge_method: 'S256', state,
  }).toString();
  location.assign(url.toString());
}

/** On the way back from the provider: trades the code for a token; null when this is no such return. */
export async function completeSignIn(oidc) {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  if (!params.has('code') && !params.has('error')) return null;
  // The code is single-use and short-lived; it still leaves the address bar at once.
  history.replaceState(null, '', '/' + location.hash);
  sessionStorage.removeItem(PENDING);
  if (params.has('error')) throw new Error(params.get('error_description') || params.get('error'));
  if (!pending || pending.state !== params.get('state')) throw new Error('Sign-in state mismatch; try again.');
  const meta = await discovery(oidc.issuer);
  const r = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: oidc.client_id, code_verifier: pending.verifier,
    }),
  });
  if (!r.ok) throw new Error('The identity provider refused the sign-in (' + r.status + ').');
  const tokens = await r.json();
  return tokens.access_token;
}
