// Signing in. With the council's identity provider: OpenID Connect authorization code with PKCE (S256),
// done here (GET /api/sign-in says where the provider is). The verifier, state and nonce are kept in
// sessionStorage only for the round trip to the provider; the token the API takes stays in sessionStorage.
// Locally (only where the settings say /_local exists): the development sign-in, a token for a chosen role.

import { $, say } from './dom.js';
import { api, BASE, forgetToken, storeToken } from './api.js';
import { route } from './router.js';
import { applySession, endSession } from './session.js';
import { state } from './state.js';
import { loadVocabulary } from './vocabulary.js';

const FLOW_KEY = 'councilInbox.signInFlow';
const ID_TOKEN_KEY = 'councilInbox.idToken';

/** GET /api/sign-in, read once per page load. */
let settings = { developmentSignIn: false };

/** The console's own address, without query or fragment: where the provider sends the browser back. */
function consoleAddress() {
  return new URL('./', document.baseURI).href;
}

function redirectUri() {
  return settings.redirectUri ?? consoleAddress();
}

/** Random text for the PKCE verifier (43 characters from 32 bytes), state and nonce. */
function randomText(bytes = 32) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes) {
  let text = '';
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

async function s256(verifier) {
  return base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** The claims of a JWT, unverified: the API verifies the signature; here only the nonce is compared. */
function claimsOf(jwt) {
  try {
    const payload = jwt.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

/** Sends the browser to the provider's sign-in page, with a fresh verifier, state and nonce for this round trip. */
async function startProviderSignIn() {
  const verifier = randomText();
  const flow = { state: randomText(16), nonce: randomText(16), verifier, returnTo: location.hash };
  sessionStorage.setItem(FLOW_KEY, JSON.stringify(flow));
  const url = new URL(settings.authorizationEndpoint, BASE);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: settings.clientId, redirect_uri: redirectUri(), scope: settings.scopes,
    state: flow.state, nonce: flow.nonce, code_challenge: await s256(verifier), code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

/**
 * Back from the provider with ?code=&state= (or ?error=): checks the state, swaps the code and the
 * verifier for tokens at the token endpoint, checks the ID token's nonce, then signs in with the token
 * the API takes. The query is taken off the address at once, so a reload does not replay it.
 */
async function finishProviderSignIn(query) {
  const flow = JSON.parse(sessionStorage.getItem(FLOW_KEY) ?? 'null');
  sessionStorage.removeItem(FLOW_KEY);
  history.replaceState(null, '', location.pathname + (flow?.returnTo ?? ''));
  const status = $('status');
  if (query.has('error')) {
    say(status, `The identity provider did not sign you in (${query.get('error')}). Please try again.`, 'error');
    return;
  }
  if (!flow || query.get('state') !== flow.state) {
    say(status, 'That sign-in answer was not for this tab (its state did not match). Please sign in again.', 'error');
    return;
  }
  say(status, 'Signing in…');
  let tokens;
  try {
    const response = await fetch(new URL(settings.tokenEndpoint, BASE), {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
        client_id: settings.clientId, code_verifier: flow.verifier,
      }),
      cache: 'no-store', credentials: 'omit', redirect: 'error',
    });
    if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
    tokens = await response.json();
  } catch (error) {
    say(status, `Could not sign in: ${error.message}.`, 'error');
    return;
  }
  if (typeof tokens.id_token !== 'string' || claimsOf(tokens.id_token)?.nonce !== flow.nonce) {
    say(status, 'Could not sign in: the identity provider\'s answer was not for this sign-in (nonce). Please sign in again.', 'error');
    return;
  }
  const apiToken = settings.bearer === 'access_token' ? tokens.access_token : tokens.id_token;
  sessionStorage.setItem(ID_TOKEN_KEY, tokens.id_token);
  await signInWith(apiToken, 'with your council account');
}

/** Confirms a token with GET /api/me; keeps it only if the API accepts it. */
async function signInWith(token, how) {
  const status = $('status');
  storeToken(token);
  say(status, 'Signing in…');
  try {
    state.me = await api('api/me', { on401: 'throw' });
    await loadVocabulary({ on401: 'throw' });
  } catch (error) {
    forgetToken();
    state.me = null;
    applySession();
    if (error.status === 401) {
      say(status, 'That token was not accepted (it may have expired, or be for another service). Please sign in again.', 'error');
    } else {
      say(status, `Could not sign in: ${error.message}`, 'error');
    }
    return;
  }
  applySession();
  say(status, `Signed in as ${state.me.id}${how ? ` ${how}` : ''}.`, 'ok');
  state.keepStatus = true;
  if (!location.hash || location.hash === '#' || location.hash.startsWith('#/signin')) location.hash = '#/cases';
  else await route();
}

async function localSignIn(role) {
  const status = $('status');
  say(status, `Asking the local server for a ${role} token…`);
  let data;
  try {
    data = await api(`_local/token?role=${encodeURIComponent(role)}`, { auth: false, on401: 'throw' });
  } catch (error) {
    say(status, `Local sign-in failed: ${error.message}`, 'error');
    return;
  }
  if (!data || typeof data.token !== 'string') {
    say(status, 'Local sign-in failed: the answer had no token.', 'error');
    return;
  }
  await signInWith(data.token, `with a local ${role} token`);
}

/** Forgets the tokens; then, where the provider has a sign-out address, ends the provider's session too. */
function signOut() {
  const idToken = sessionStorage.getItem(ID_TOKEN_KEY);
  sessionStorage.removeItem(ID_TOKEN_KEY);
  endSession('');
  say($('status'), 'You have signed out.', 'ok');
  history.replaceState(null, '', location.pathname + location.search);
  if (settings.logoutEndpoint && idToken) {
    const url = new URL(settings.logoutEndpoint, BASE);
    // Cognito's /logout takes client_id and logout_uri; Entra ID (and the local provider) the standard end-session parameters.
    const params = settings.provider === 'cognito'
      ? { client_id: settings.clientId, logout_uri: consoleAddress() }
      : { client_id: settings.clientId, post_logout_redirect_uri: consoleAddress(), id_token_hint: idToken };
    url.search = new URLSearchParams(params).toString();
    location.assign(url.href);
    return;
  }
  $('signin-title').focus();
}

/** Reads the sign-in settings, offers what they allow, and finishes a round trip to the provider if this load is one. */
export async function setUpSignIn() {
  try {
    settings = await api('api/sign-in', { auth: false, on401: 'throw' });
  } catch (error) {
    say($('status'), `Could not read how to sign in: ${error.message}`, 'error');
  }
  $('provider-signin').hidden = !settings.authorizationEndpoint;
  $('no-provider').hidden = Boolean(settings.authorizationEndpoint) || settings.developmentSignIn;
  $('local-dev').hidden = !settings.developmentSignIn;
  $('provider-sign-in').addEventListener('click', startProviderSignIn);
  for (const button of document.querySelectorAll('[data-local-role]')) {
    button.addEventListener('click', () => localSignIn(button.dataset.localRole));
  }
  $('sign-out').addEventListener('click', signOut);
  const query = new URLSearchParams(location.search);
  if (settings.authorizationEndpoint && (query.has('code') || query.has('error'))) await finishProviderSignIn(query);
}
