// Views and routing: one hash route per view (#/inbox, #/cases, #/cases/{ref}, #/bulk, #/trends). Each view module
// registers its route with addRoute; the router shows one <section class="view"> at a time.

import { $, say } from './dom.js';
import { state } from './state.js';

/** 'cases' (#/cases) or 'cases/*' (#/cases/{one more part}) -> async open(that part) */
const routes = new Map();

export function addRoute(pattern, open) {
  routes.set(pattern, open);
}

/** Shows the view with id view-{name}, marks its navigation link and names the document after it. */
export function show(view, title) {
  for (const section of document.querySelectorAll('main > .view')) section.hidden = section.id !== `view-${view}`;
  for (const link of document.querySelectorAll('[data-nav]')) {
    const current = link.dataset.nav === view || (view === 'case' && link.dataset.nav === 'cases');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${title} – Council inbox`;
  // Move focus to the new heading on navigation, so keyboard and screen-reader users start there.
  if (!state.firstRoute) {
    const heading = $(`view-${view}`).querySelector('h1');
    heading?.focus();
  }
  state.firstRoute = false;
}

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path] = hash.split('?');
  return path.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
}

export async function route() {
  // A message from the last screen (e.g. "Signed in") does not follow the user around.
  if (state.keepStatus) state.keepStatus = false;
  else say($('status'), '');
  if (!state.me) {
    show('signin', 'Sign in');
    return;
  }
  const [section, part] = parseHash();
  const open = routes.get(part === undefined ? section : `${section}/*`);
  if (open) await open(part);
  else location.replace('#/cases');
}
