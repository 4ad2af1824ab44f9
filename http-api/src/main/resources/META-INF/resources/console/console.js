// Council inbox staff console: plain JavaScript modules, no framework, no build step, nothing from
// outside this server. Talks to the staff API on the same origin with the bearer token kept in sessionStorage.
// Every value from the API (residents' text above all) is put on the page with textContent, never as HTML.
//
// Modules: dom (page helpers), api (the staff API), state, vocabulary, session, router, sign-in, chart,
// case-parts, and one module per view in views/, each registering its route with the router. A new view
// is a new section in index.html, a module in views/ and its import here.

import { $, say } from './dom.js';
import { api, forgetToken, storedToken } from './api.js';
import { route } from './router.js';
import { applySession } from './session.js';
import { setUpSignIn } from './sign-in.js';
import { state } from './state.js';
import { buildFilters, loadVocabulary } from './vocabulary.js';
import './views/inbox.js';
import './views/cases.js';
import './views/case.js';
import './views/bulk.js';
import './views/trends.js';

/** A token kept from earlier in this tab is tried again; then the route in the address is opened. */
async function resumeSession() {
  if (!storedToken()) return;
  try {
    state.me = await api('api/me', { on401: 'throw' });
    await loadVocabulary({ on401: 'throw' });
  } catch (error) {
    state.me = null;
    if (error.status === 401) {
      forgetToken();
      say($('status'), 'Your session has ended. Please sign in again.', 'error');
    } else {
      say($('status'), `Could not check your sign-in: ${error.message}`, 'error');
    }
  }
}

async function start() {
  buildFilters();
  window.addEventListener('hashchange', () => { route(); });
  await setUpSignIn();
  // Back from the provider and signed in: sign-in has already opened the cases.
  if (!state.me) {
    await resumeSession();
    applySession();
    state.keepStatus = true;
    await route();
  }
  document.documentElement.dataset.ready = 'true';
}

start();
