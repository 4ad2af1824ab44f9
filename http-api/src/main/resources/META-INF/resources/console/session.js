// The signed-in staff member (from GET /api/me): who is shown, what their roles offer, and ending the session.

import { $, say } from './dom.js';
import { forgetToken, whenUnauthorized } from './api.js';
import { show } from './router.js';
import { state } from './state.js';

export function isSupervisor() {
  return (state.me?.roles ?? []).some((role) => String(role).toLowerCase() === 'supervisor');
}

export function applySession() {
  const signedIn = Boolean(state.me);
  $('nav').hidden = !signedIn;
  $('who').hidden = !signedIn;
  if (signedIn) {
    const roles = (state.me.roles ?? []).join(', ') || 'no role';
    $('who-text').textContent = `Signed in as ${state.me.id} (${roles})`;
  }
  for (const node of document.querySelectorAll('[data-role="supervisor"]')) node.hidden = !isSupervisor();
}

export function endSession(message) {
  forgetToken();
  state.me = null;
  state.caseData = null;
  applySession();
  show('signin', 'Sign in');
  say($('status'), message, message ? 'error' : '');
}

whenUnauthorized(endSession);
