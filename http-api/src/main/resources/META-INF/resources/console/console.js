// Council inbox staff console: plain JavaScript, no framework, no build step, nothing from outside
// this server. Talks to the staff API on the same origin with a bearer token kept in sessionStorage.
// Every value from the API (residents' text above all) is put on the page with textContent, never as HTML.

const TOKEN_KEY = 'councilInbox.token';

/**
 * Statuses, categories and channels with their labels, and the transitions staff may make: all from
 * GET /api/vocabulary once signed in (loadVocabulary), so the console never keeps a copy of the server's rules.
 */
const vocabulary = { statuses: [], categories: [], channels: [], next: {} };

const LABELS = { private: 'Private', public: 'Public' };

/** Colour-blind-safe colours (Okabe–Ito) for the chart's categories. */
const CATEGORY_COLOURS = {
  pothole_report: '#0072B2', complaint: '#D55E00', query: '#009E73', other: '#CC79A7',
};
const SPARE_COLOURS = ['#E69F00', '#56B4E9', '#F0E442', '#000000'];

/** The API lives next to /console/ ("../api/..."), so the page also works under a stage prefix. */
const BASE = new URL('../', document.baseURI);

const state = { me: null, caseRef: null, caseData: null, firstRoute: true, pendingBulk: null, trendsDays: null };

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// Small helpers

function label(value) {
  if (value === null || value === undefined || value === '') return '—';
  return LABELS[value] ?? String(value).replaceAll('_', ' ');
}

/** Builds an element: el('a', {href: '#'}, 'text', child). Strings become text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function timeEl(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return el('time', { datetime: iso, title: iso }, dateTimeFormat.format(date));
}

function badge(status) {
  return el('span', { class: `badge s-${status}` }, label(status));
}

function caseLink(reference) {
  return el('a', { href: `#/cases/${encodeURIComponent(reference)}`, class: 'case-link' }, reference);
}

function setOptions(select, values, { blank } = {}) {
  const current = select.value;
  select.replaceChildren();
  if (blank) select.append(el('option', { value: '' }, blank));
  for (const value of values) select.append(el('option', { value }, label(value)));
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}

/** Writes a message into a live region; kind is '', 'ok' or 'error'. */
function say(region, message, kind = '') {
  region.classList.toggle('is-error', kind === 'error');
  region.classList.toggle('is-ok', kind === 'ok');
  region.textContent = message ?? '';
}

function setBusy(form, busy) {
  for (const control of form.querySelectorAll('button, select, textarea, input')) {
    if (busy) {
      control.dataset.wasDisabled = control.disabled ? 'yes' : '';
      control.disabled = true;
    } else {
      control.disabled = control.dataset.wasDisabled === 'yes';
      delete control.dataset.wasDisabled;
    }
  }
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
}

function percent(confidence) {
  return typeof confidence === 'number' ? `${Math.round(confidence * 100)}%` : '—';
}

// ---------------------------------------------------------------------------------------------
// API access

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
    this.handled = false;
  }
}

/**
 * Calls the API with the bearer token. Resolves to parsed JSON (or the Response when raw). A 401 on
 * /api/ ends the session and returns to sign-in (unless on401 is 'throw'); other errors reject with
 * the API's own {"error": "..."} message.
 */
async function api(path, { method = 'GET', body, raw = false, on401 = 'sign-out', auth = true } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (auth && token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(new URL(path, BASE), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', redirect: 'error',
    });
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check the connection and try again.');
  }
  if (!response.ok) {
    let message = `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
    try {
      const data = await response.json();
      if (data && typeof data.error === 'string') message = data.error;
      else if (data && typeof data.message === 'string') message = data.message;
    } catch { /* not JSON: keep the status line */ }
    const error = new ApiError(response.status, message);
    if (response.status === 401 && on401 === 'sign-out') {
      endSession('Your session has ended or your token was not accepted. Please sign in again.');
      error.handled = true;
    }
    throw error;
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

function showError(region, error) {
  if (error && error.handled) return;
  let message = error instanceof Error ? error.message : String(error);
  if (error && error.status === 403) message = `Not allowed: ${message}`;
  say(region, message, 'error');
}

// ---------------------------------------------------------------------------------------------
// Views and routing

const VIEWS = ['signin', 'cases', 'case', 'bulk', 'trends'];
const TITLES = { signin: 'Sign in', cases: 'Cases', case: 'Case', bulk: 'Bulk update', trends: 'Trends' };

function show(view, title) {
  for (const name of VIEWS) $(`view-${name}`).hidden = name !== view;
  for (const link of document.querySelectorAll('[data-nav]')) {
    const current = link.dataset.nav === view || (view === 'case' && link.dataset.nav === 'cases');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${title ?? TITLES[view]} – Council inbox`;
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

async function route() {
  // A message from the last screen (e.g. "Signed in") does not follow the user around.
  if (state.keepStatus) state.keepStatus = false;
  else say($('status'), '');
  if (!state.me) {
    show('signin');
    return;
  }
  const [section, reference] = parseHash();
  switch (section) {
    case 'cases':
      if (reference) await openCase(reference);
      else await openCases();
      break;
    case 'bulk':
      if (isSupervisor()) openBulk();
      else {
        say($('status'), 'Bulk update is for supervisors only.', 'error');
        state.keepStatus = true;
        location.replace('#/cases');
      }
      break;
    case 'trends':
      await openTrends();
      break;
    default:
      location.replace('#/cases');
  }
}

// ---------------------------------------------------------------------------------------------
// Sign-in and session

function isSupervisor() {
  return (state.me?.roles ?? []).some((role) => String(role).toLowerCase() === 'supervisor');
}

function applySession() {
  const signedIn = Boolean(state.me);
  $('nav').hidden = !signedIn;
  $('who').hidden = !signedIn;
  if (signedIn) {
    const roles = (state.me.roles ?? []).join(', ') || 'no role';
    $('who-text').textContent = `Signed in as ${state.me.id} (${roles})`;
  }
  for (const node of document.querySelectorAll('[data-role="supervisor"]')) node.hidden = !isSupervisor();
}

function endSession(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  state.me = null;
  state.caseData = null;
  applySession();
  show('signin');
  say($('status'), message, message ? 'error' : '');
}

/** The server's statuses, categories, channels, labels and transitions (GET /api/vocabulary), then the filters built from them. */
async function loadVocabulary({ on401 } = {}) {
  const data = await api('api/vocabulary', { on401 });
  for (const kind of ['statuses', 'categories', 'channels']) {
    vocabulary[kind] = data[kind].map((entry) => entry.value);
    for (const entry of data[kind]) LABELS[entry.value] = entry.label;
  }
  vocabulary.next = Object.fromEntries(data.statuses.map((status) => [status.value, status.next]));
  buildFilters();
}

/** Confirms a token with GET /api/me; keeps it only if the API accepts it. */
async function signInWith(token, how) {
  const status = $('status');
  sessionStorage.setItem(TOKEN_KEY, token);
  say(status, 'Signing in…');
  try {
    state.me = await api('api/me', { on401: 'throw' });
    await loadVocabulary({ on401: 'throw' });
  } catch (error) {
    sessionStorage.removeItem(TOKEN_KEY);
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
  $('token-input').value = '';
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
    if (error.status === 404) {
      say(status, 'Local sign-in is not available here: the development token service (/_local/token) exists only '
        + 'when the system runs locally with bin/run or in the tests. Paste a token from the identity provider instead.', 'error');
    } else {
      say(status, `Local sign-in failed: ${error.message}`, 'error');
    }
    return;
  }
  if (!data || typeof data.token !== 'string') {
    say(status, 'Local sign-in failed: the answer had no token.', 'error');
    return;
  }
  await signInWith(data.token, `with a local ${role} token`);
}

// ---------------------------------------------------------------------------------------------
// Case list

function caseFilterParams() {
  const params = new URLSearchParams();
  const statuses = [...$('filter-statuses').querySelectorAll('input:checked')].map((box) => box.value);
  if (statuses.length) params.set('status', statuses.join(','));
  for (const [id, name] of [['filter-category', 'category'], ['filter-channel', 'channel'], ['filter-area', 'area'],
    ['filter-from', 'from'], ['filter-to', 'to'], ['filter-limit', 'limit']]) {
    const value = $(id).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

async function openCases() {
  show('cases');
  await loadCases();
}

async function loadCases() {
  const feedback = $('cases-feedback');
  const from = $('filter-from').value;
  const to = $('filter-to').value;
  if (from && to && from > to) {
    say(feedback, '"Created from" must be on or before "Created to".', 'error');
    return;
  }
  say(feedback, 'Loading cases…');
  const form = $('filters');
  setBusy(form, true);
  try {
    const query = caseFilterParams().toString();
    const cases = await api(`api/cases${query ? `?${query}` : ''}`);
    renderCases(Array.isArray(cases) ? cases : []);
    const count = Array.isArray(cases) ? cases.length : 0;
    say(feedback, count === 0 ? 'No cases match these filters.' : `${count} ${count === 1 ? 'case' : 'cases'} shown.`);
  } catch (error) {
    showError(feedback, error);
  } finally {
    setBusy(form, false);
  }
}

function renderCases(cases) {
  $('cases-caption').textContent = `Cases (${cases.length})`;
  const rows = cases.map((item) => el('tr', { dataset: { reference: item.reference } },
    el('th', { scope: 'row' }, caseLink(item.reference)),
    el('td', {}, badge(item.status)),
    el('td', {}, label(item.category)),
    el('td', { class: 'num' }, percent(item.confidence)),
    el('td', {}, label(item.channel)),
    el('td', {}, item.place || (item.pin ? `Pin ${formatPin(item.pin)}` : '—')),
    el('td', { class: 'num' }, photoCount(item.photos)),
    el('td', {}, timeEl(item.createdAt)),
    el('td', {}, timeEl(item.lastResidentMessageAt)),
  ));
  $('cases-body').replaceChildren(...rows);
}

function photoTotal(photos) {
  if (Array.isArray(photos)) return photos.length;
  return typeof photos === 'number' ? photos : 0;
}

function photoCount(photos) {
  if (Array.isArray(photos)) return String(photos.length);
  if (typeof photos === 'number') return String(photos);
  return '0';
}

function formatPin(pin) {
  if (!pin || typeof pin.lat !== 'number' || typeof pin.lon !== 'number') return '—';
  return `${pin.lat.toFixed(5)}, ${pin.lon.toFixed(5)}`;
}

function pinLink(pin) {
  const text = formatPin(pin);
  if (text === '—') return text;
  const url = `https://www.openstreetmap.org/?mlat=${pin.lat}&mlon=${pin.lon}#map=18/${pin.lat}/${pin.lon}`;
  return el('span', {}, `${text} (`, el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, 'map', el('span', { class: 'visually-hidden' }, ', opens in a new tab')), ')');
}

function photoList(photos) {
  if (!Array.isArray(photos) || photos.length === 0) return null;
  return el('ul', { class: 'photos' }, photos.map((photo, index) => {
    const url = typeof photo === 'string' ? photo : (photo && (photo.url || photo.href));
    if (url && /^https?:\/\//i.test(url)) {
      return el('li', {}, el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, `Photo ${index + 1}`,
        el('span', { class: 'visually-hidden' }, ', opens in a new tab')));
    }
    return el('li', {}, `Photo ${index + 1}${url ? `: ${url}` : ''}`);
  }));
}

// ---------------------------------------------------------------------------------------------
// Case detail

async function openCase(reference) {
  const changed = state.caseRef !== reference;
  state.caseRef = reference;
  show('case', `Case ${reference}`);
  $('case-title').textContent = `Case ${reference}`;
  if (changed) {
    $('case-content').hidden = true;
    say($('case-feedback'), '');
  }
  await loadCase(reference);
}

async function loadCase(reference) {
  const feedback = $('case-load-feedback');
  say(feedback, 'Loading the case…');
  try {
    const data = await api(`api/cases/${encodeURIComponent(reference)}`);
    if (state.caseRef !== reference) return; // the user moved on meanwhile
    state.caseData = data;
    renderCase(data);
    say(feedback, '');
    $('case-content').hidden = false;
  } catch (error) {
    if (error.status === 404) say(feedback, `There is no case with reference ${reference}.`, 'error');
    else showError(feedback, error);
    if (error.status === 404) $('case-content').hidden = true;
  }
}

function renderCase(data) {
  const rows = [
    ['Reference', data.reference],
    ['Status', badge(data.status)],
    ['Category', label(data.category)],
    ['Confidence', percent(data.confidence)],
    ['Channel', label(data.channel)],
    ['Visibility', label(data.visibility)],
    ['Resident', data.residentId ?? '—'],
    ['Place', data.place || '—'],
    ['Pin', data.pin ? pinLink(data.pin) : '—'],
    ['Photos', photoList(data.photos) ?? photoCount(data.photos)],
    ['Created', timeEl(data.createdAt)],
    ['Updated', timeEl(data.updatedAt)],
    ['Last resident message', timeEl(data.lastResidentMessageAt)],
  ];
  $('case-summary').replaceChildren(...rows.flatMap(([term, value]) => [
    el('dt', {}, term), el('dd', { dataset: { field: term.toLowerCase().replaceAll(' ', '-') } }, value),
  ]));

  const next = vocabulary.next[data.status] ?? [];
  const statusSelect = $('status-select');
  setOptions(statusSelect, next);
  const final = next.length === 0;
  statusSelect.disabled = final;
  $('status-note').disabled = final;
  $('status-submit').disabled = final;
  $('status-final').hidden = !final;

  setOptions($('category-select'), vocabulary.categories.filter((category) => category !== data.category));

  const messages = Array.isArray(data.messages) ? data.messages : [];
  const replies = (Array.isArray(data.history) ? data.history : [])
    .filter((event) => event.type === 'reply_written' || event.type === 'reply_failed')
    .map((event) => ({ staff: event.actor, failed: event.type === 'reply_failed', sentAt: event.at, text: event.detail }));
  const thread = [...messages, ...replies].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
  $('reply-preview').textContent = '';
  $('case-messages').replaceChildren(...(thread.length ? thread.map((message) => message.staff ? el('li', { class: message.failed ? 'staff failed' : 'staff' },
    el('p', { class: 'meta' }, message.failed ? 'Reply failed, reported by the platform, ' : `Reply by ${message.staff}, `, timeEl(message.sentAt)),
    el('p', { class: 'text' }, message.text),
  ) : el('li', {},
    el('p', { class: 'meta' }, 'Resident, ', timeEl(message.sentAt)),
    el('p', { class: 'text' }, message.text || (message.pin || photoTotal(message.photos) ? '' : '(no text)')),
    message.pin ? el('p', { class: 'meta' }, 'Location pin: ', pinLink(message.pin)) : null,
    photoList(message.photos) ?? (photoTotal(message.photos) ? el('p', { class: 'meta' },
      `${photoTotal(message.photos)} ${photoTotal(message.photos) === 1 ? 'photo' : 'photos'} attached`) : null),
  )) : [el('li', {}, 'No messages.')]));

  const history = Array.isArray(data.history) ? data.history : [];
  $('case-history-body').replaceChildren(...history.map((event) => el('tr', {},
    el('td', {}, timeEl(event.at)),
    el('td', {}, event.actor ?? '—'),
    el('td', {}, label(event.type)),
    el('td', { class: 'detail' }, event.detail ?? ''),
  )));
}

/** Runs one case action: POST, then re-fetch the detail and report in the actions' live region. */
async function caseAction(form, path, body, success) {
  const feedback = $('case-feedback');
  const reference = state.caseRef;
  setBusy(form, true);
  say(feedback, 'Saving…');
  let summary;
  try {
    summary = await api(`api/cases/${encodeURIComponent(reference)}/${path}`, { method: 'POST', body });
  } catch (error) {
    setBusy(form, false);
    showError(feedback, error);
    if (error.status === 409) await loadCase(reference); // someone else may have changed it: show what it is now
    return;
  }
  form.reset();
  setBusy(form, false);
  await loadCase(reference);
  say(feedback, success(summary ?? {}), 'ok');
}

/** The trimmed text of a case form's field, or null after saying what is missing and moving there. */
function filledIn(id, missing) {
  const text = $(id).value.trim();
  if (!text) {
    say($('case-feedback'), missing, 'error');
    $(id).focus();
    return null;
  }
  return text;
}

function withNote(body, note) {
  const text = note.trim();
  return text ? { ...body, note: text } : body;
}

// ---------------------------------------------------------------------------------------------
// Bulk update

function openBulk() {
  show('bulk');
  updateBulkTargets();
}

function updateBulkTargets() {
  const from = $('bulk-filter-status').value;
  const targets = from ? vocabulary.next[from] : vocabulary.statuses.filter((status) => status !== 'received');
  setOptions($('bulk-status'), targets);
  const none = targets.length === 0;
  $('bulk-status').disabled = none;
  $('bulk-review').disabled = none;
  if (none) say($('bulk-feedback'), `${label(from)} cases are final: their status cannot change.`);
  else if ($('bulk-feedback').textContent.endsWith('cannot change.')) say($('bulk-feedback'), '');
}

function bulkRequest() {
  const filter = {};
  const status = $('bulk-filter-status').value;
  const category = $('bulk-filter-category').value;
  const channel = $('bulk-filter-channel').value;
  const area = $('bulk-filter-area').value.trim();
  if (status) filter.status = status;
  if (category) filter.category = category;
  if (channel) filter.channel = channel;
  if (area) filter.area = area;
  return withNote({ filter, status: $('bulk-status').value }, $('bulk-note').value);
}

function reviewBulk(event) {
  event.preventDefault();
  const request = bulkRequest();
  const feedback = $('bulk-feedback');
  if (Object.keys(request.filter).length === 0) {
    say(feedback, 'Choose at least one filter (status, category, channel or area), so that not every case is changed.', 'error');
    $('bulk-filter-status').focus();
    return;
  }
  if (!request.status) {
    say(feedback, 'Choose the new status.', 'error');
    return;
  }
  say(feedback, '');
  state.pendingBulk = request;
  $('bulk-confirm-status').textContent = label(request.status);
  const terms = [['Current status', label(request.filter.status ?? '')], ['Category', label(request.filter.category ?? '')],
    ['Channel', label(request.filter.channel ?? '')], ['Area', request.filter.area ?? '—']];
  $('bulk-confirm-filter').replaceChildren(...terms.flatMap(([term, value]) => [el('dt', {}, term),
    el('dd', {}, value === '—' ? 'any' : value)]));
  $('bulk-confirm-note').textContent = request.note ? `Note: ${request.note}` : 'No note.';
  $('bulk-confirm').hidden = false;
  setBusy($('bulk-form'), true);
  $('bulk-confirm-title').focus();
}

function cancelBulk() {
  state.pendingBulk = null;
  $('bulk-confirm').hidden = true;
  setBusy($('bulk-form'), false);
  say($('bulk-feedback'), 'Bulk update cancelled: nothing was changed.');
  $('bulk-review').focus();
}

async function confirmBulk() {
  const request = state.pendingBulk;
  if (!request) return;
  const feedback = $('bulk-feedback');
  const buttons = [$('bulk-confirm-yes'), $('bulk-confirm-no')];
  buttons.forEach((button) => { button.disabled = true; });
  say(feedback, 'Updating cases…');
  try {
    const result = await api('api/bulk/status', { method: 'POST', body: request });
    renderBulkResult(result ?? {});
    say(feedback, `${result?.changed ?? 0} of ${result?.matched ?? 0} matching cases changed to ${label(request.status)}.`, 'ok');
    $('bulk-note').value = '';
  } catch (error) {
    showError(feedback, error);
  } finally {
    state.pendingBulk = null;
    buttons.forEach((button) => { button.disabled = false; });
    $('bulk-confirm').hidden = true;
    setBusy($('bulk-form'), false);
    updateBulkTargets();
    $('bulk-review').focus();
  }
}

function renderBulkResult(result) {
  const skipped = Array.isArray(result.skipped) ? result.skipped : [];
  $('bulk-counts').replaceChildren(
    el('dt', {}, 'Matched'), el('dd', {}, String(result.matched ?? 0)),
    el('dt', {}, 'Changed'), el('dd', {}, String(result.changed ?? 0)),
    el('dt', {}, 'Skipped'), el('dd', {}, String(skipped.length)),
  );
  $('bulk-skipped').replaceChildren(...skipped.map((item) => el('tr', {},
    el('th', { scope: 'row' }, item.reference ? caseLink(item.reference) : '—'), el('td', {}, item.reason ?? ''))));
  $('bulk-skipped-wrap').hidden = skipped.length === 0;
  $('bulk-result').hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Trends

async function openTrends() {
  show('trends');
  await loadTrends();
}

async function loadTrends() {
  const days = $('trends-days').value;
  const feedback = $('trends-feedback');
  const csv = new URL(`api/trends.csv?days=${encodeURIComponent(days)}`, BASE);
  $('trends-csv').setAttribute('href', csv.pathname + csv.search);
  say(feedback, 'Loading trends…');
  try {
    const data = await api(`api/trends?days=${encodeURIComponent(days)}`);
    state.trendsDays = days;
    renderTrends(data ?? {});
    $('trends-content').hidden = false;
    $('trends-csv').hidden = false;
    say(feedback, '');
  } catch (error) {
    $('trends-content').hidden = true;
    if (error.status === 404) {
      $('trends-csv').hidden = true;
      say(feedback, 'Trends are not available yet.');
    } else {
      showError(feedback, error);
    }
  }
}

function categoriesIn(days) {
  const seen = new Set();
  for (const day of days) for (const key of Object.keys(day.byCategory ?? {})) seen.add(key);
  return [...vocabulary.categories.filter((c) => seen.has(c)), ...[...seen].filter((c) => !vocabulary.categories.includes(c)).sort()];
}

function channelsIn(days) {
  const seen = new Set();
  for (const day of days) for (const key of Object.keys(day.byChannel ?? {})) seen.add(key);
  return [...vocabulary.channels.filter((c) => seen.has(c)), ...[...seen].filter((c) => !vocabulary.channels.includes(c)).sort()];
}

function colourOf(category, index) {
  return CATEGORY_COLOURS[category] ?? SPARE_COLOURS[index % SPARE_COLOURS.length];
}

function shortDay(iso) {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : dayFormat.format(date);
}

/** Small medians keep two significant figures (a first response in 0.02 minutes is not "0 minutes"). */
function duration(value) {
  return value > 0 && value < 1 ? value.toPrecision(2) : number.format(value);
}

function casesCount(count) {
  return typeof count === 'number' ? `, over ${count} ${count === 1 ? 'case' : 'cases'}` : '';
}

function renderTrends(data) {
  const days = Array.isArray(data.days) ? data.days : [];
  const period = data.from && data.to ? `${data.from} to ${data.to}` : `${days.length} days`;
  $('trends-period').textContent = `Period: ${period}.${data.generatedAt ? ` Worked out ${dateTimeFormat.format(new Date(data.generatedAt))}.` : ''}`;
  const categories = categoriesIn(days);
  const channels = channelsIn(days);
  renderChart(days, categories);

  $('trends-table-head').replaceChildren(el('tr', {},
    el('th', { scope: 'col' }, 'Date'),
    categories.map((c) => el('th', { scope: 'col', class: 'num' }, label(c))),
    el('th', { scope: 'col', class: 'num' }, 'Total'),
    channels.map((c) => el('th', { scope: 'col', class: 'num' }, `via ${label(c)}`)),
  ));
  $('trends-table-body').replaceChildren(...days.map((day) => el('tr', {},
    el('th', { scope: 'row' }, el('time', { datetime: day.date }, day.date)),
    categories.map((c) => el('td', { class: 'num' }, String(day.byCategory?.[c] ?? 0))),
    el('td', { class: 'num' }, String(day.total ?? 0)),
    channels.map((c) => el('td', { class: 'num' }, String(day.byChannel?.[c] ?? 0))),
  )));

  const spikes = Array.isArray(data.spikes) ? data.spikes : [];
  $('trends-spikes').replaceChildren(...(spikes.length ? spikes.map((spike) => {
    const change = typeof spike.change === 'number' ? ` (${spike.change >= 0 ? '+' : ''}${Math.round(spike.change * 100)}%)` : ' (none before)';
    const where = !spike.area || spike.area === 'all' ? ' county-wide' : ` in ${spike.area}`;
    return el('li', {}, el('strong', {}, `${label(spike.category)}${where}`),
      `: ${spike.thisWeek ?? '?'} this week against a usual ${number.format(spike.baselineWeekly ?? 0)} a week${change}`);
  }) : [el('li', {}, 'No unusual rises in this period.')]));

  const times = data.responseTimes ?? {};
  const minutes = times.firstResponseMedianMinutes;
  const hours = times.resolutionMedianHours;
  $('trends-response').replaceChildren(
    el('dt', {}, 'First response (median)'),
    el('dd', {}, typeof minutes === 'number' ? `${duration(minutes)} minutes${casesCount(times.responded)}` : 'not enough data'),
    el('dt', {}, 'Resolution (median)'),
    el('dd', {}, typeof hours === 'number'
      ? `${duration(hours)} hours${hours >= 24 ? ` (${number.format(hours / 24)} days)` : ''}${casesCount(times.resolved)}` : 'not enough data'),
  );

  const shift = data.channelShift ?? {};
  const gbp = (value) => (typeof value === 'number' ? money.format(value) : '—');
  $('trends-saving').replaceChildren(
    el('dt', {}, 'Contacts by social media'), el('dd', {}, typeof shift.contacts === 'number' ? String(shift.contacts) : '—'),
    el('dt', {}, 'Cost per phone contact'), el('dd', {}, gbp(shift.phoneCostPerContact)),
    el('dt', {}, 'Cost per social contact'), el('dd', {}, gbp(shift.socialCostPerContact)),
    el('dt', {}, 'Saving before platform charges'), el('dd', {}, gbp(shift.grossSaving)),
    el('dt', {}, 'Platform charges (X, WhatsApp)'), el('dd', {}, gbp(shift.platformCharges)),
    el('dt', {}, 'Estimated saving'), el('dd', {}, el('strong', {}, gbp(shift.estimatedSaving))),
  );
}

/** A stacked bar chart of each day's cases by category, drawn as inline SVG. */
function renderChart(days, categories) {
  const width = 800;
  const height = 280;
  const margin = { top: 12, right: 12, bottom: 44, left: 44 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const max = Math.max(1, ...days.map((day) => day.total ?? 0),
    ...days.map((day) => Object.values(day.byCategory ?? {}).reduce((a, b) => a + b, 0)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (value) => margin.top + plotH - (value / top) * plotH;
  const slot = plotW / Math.max(days.length, 1);
  const barW = Math.max(2, slot * 0.7);
  const total = days.reduce((sum, day) => sum + (day.total ?? 0), 0);

  const grid = [];
  for (let value = 0; value <= top; value += step) {
    grid.push(svg('line', { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), stroke: value === 0 ? '#1b1b1b' : '#d0d3d5', 'stroke-width': 1 }));
    grid.push(svg('text', { x: margin.left - 6, y: y(value) + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#1b1b1b' }, String(value)));
  }

  const labelEvery = Math.ceil(days.length / 10);
  const bars = days.map((day, index) => {
    const x = margin.left + index * slot + (slot - barW) / 2;
    let base = 0;
    const parts = categories.map((category, ci) => {
      const count = day.byCategory?.[category] ?? 0;
      if (!count) return null;
      const rect = svg('rect', { x, y: y(base + count), width: barW, height: y(base) - y(base + count), fill: colourOf(category, ci) },
        svg('title', {}, `${day.date}: ${label(category)} ${count}`));
      base += count;
      return rect;
    });
    const tick = index % labelEvery === 0
      ? svg('text', { x: x + barW / 2, y: height - margin.bottom + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#1b1b1b' }, shortDay(day.date))
      : null;
    return svg('g', {}, parts, tick);
  });

  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc', focusable: 'false',
  },
  svg('title', { id: 'chart-title' }, 'Cases received each day, by category'),
  svg('desc', { id: 'chart-desc' }, `${days.length} days, ${total} cases in all. The same figures are in the table "Daily figures as a table" below.`),
  grid, bars,
  svg('text', { x: margin.left + plotW / 2, y: height - 6, 'text-anchor': 'middle', 'font-size': 12, fill: '#505a5f' }, 'Day'));
  $('trends-chart').replaceChildren(chart);
  $('chart-legend').replaceChildren(...categories.map((category, ci) => el('li', {},
    el('span', { class: 'swatch', style: `background:${colourOf(category, ci)}` }), label(category))));
}

function niceStep(max) {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return Math.max(1, nice * power);
}

/** The CSV needs the bearer token, so fetch it and save it from a blob rather than following the link. */
async function downloadCsv(event) {
  event.preventDefault();
  const days = $('trends-days').value;
  const feedback = $('trends-feedback');
  say(feedback, 'Preparing the CSV…');
  try {
    const response = await api(`api/trends.csv?days=${encodeURIComponent(days)}`, { raw: true });
    const blob = await response.blob();
    const disposition = response.headers.get('content-disposition') ?? '';
    const named = /filename="?([^";]+)"?/i.exec(disposition);
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: named ? named[1] : `council-inbox-trends-${days}-days.csv`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
    say(feedback, 'CSV downloaded.', 'ok');
  } catch (error) {
    if (error.status === 404) say(feedback, 'Trends are not available yet, so there is no CSV to download.');
    else showError(feedback, error);
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring

function buildFilters() {
  $('filter-statuses').replaceChildren(...vocabulary.statuses.map((status) => el('label', {},
    el('input', { type: 'checkbox', name: 'status', value: status, id: `filter-status-${status}` }), label(status))));
  setOptions($('filter-category'), vocabulary.categories, { blank: 'Any category' });
  setOptions($('filter-channel'), vocabulary.channels, { blank: 'Any channel' });
  setOptions($('bulk-filter-status'), vocabulary.statuses, { blank: 'Any status' });
  setOptions($('bulk-filter-category'), vocabulary.categories, { blank: 'Any category' });
  setOptions($('bulk-filter-channel'), vocabulary.channels, { blank: 'Any channel' });
}

function wire() {
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
    if (!token) {
      say($('status'), 'Paste your access token first.', 'error');
      $('token-input').focus();
      return;
    }
    signInWith(token, '');
  });
  for (const button of document.querySelectorAll('[data-local-role]')) {
    button.addEventListener('click', () => localSignIn(button.dataset.localRole));
  }
  $('sign-out').addEventListener('click', () => {
    endSession('');
    say($('status'), 'You have signed out.', 'ok');
    history.replaceState(null, '', location.pathname + location.search);
    $('signin-title').focus();
  });

  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    loadCases();
  });
  $('filters').addEventListener('reset', () => setTimeout(loadCases, 0));
  $('cases-refresh').addEventListener('click', loadCases);

  $('status-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const status = $('status-select').value;
    if (!status) return;
    caseAction(event.currentTarget, 'status', withNote({ status }, $('status-note').value),
      (summary) => `Status changed to ${label(summary.status ?? status)}.`);
  });
  $('category-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const category = $('category-select').value;
    if (!category) return;
    caseAction(event.currentTarget, 'category', withNote({ category }, $('category-note').value),
      (summary) => `Category changed to ${label(summary.category ?? category)}.`);
  });
  $('reply-check').addEventListener('click', async () => {
    const text = filledIn('reply-text', 'Write the reply first.');
    if (!text) return;
    try {
      const preview = await api(`api/cases/${encodeURIComponent(state.caseRef)}/replies/preview`, { method: 'POST', body: { text } });
      $('reply-preview').textContent = `It would go ${preview.howItGoes}.`;
    } catch (error) {
      showError($('case-feedback'), error);
    }
  });
  $('reply-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = filledIn('reply-text', 'Write the reply first.');
    if (!text) return;
    caseAction(event.currentTarget, 'replies', { text, caseVersion: state.caseData.version },
      (sent) => `Reply saved; it goes ${sent.preview?.howItGoes ?? 'to the resident'}.`);
  });
  $('note-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const note = filledIn('note-text', 'Write the note first.');
    if (!note) return;
    caseAction(event.currentTarget, 'notes', { note }, () => 'Note added.');
  });

  $('bulk-filter-status').addEventListener('change', updateBulkTargets);
  $('bulk-form').addEventListener('submit', reviewBulk);
  $('bulk-confirm-yes').addEventListener('click', confirmBulk);
  $('bulk-confirm-no').addEventListener('click', cancelBulk);
  $('bulk-confirm').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') cancelBulk();
  });

  $('trends-form').addEventListener('submit', (event) => {
    event.preventDefault();
    loadTrends();
  });
  $('trends-csv').addEventListener('click', downloadCsv);

  window.addEventListener('hashchange', () => { route(); });
}

async function start() {
  buildFilters();
  wire();
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    try {
      state.me = await api('api/me', { on401: 'throw' });
      await loadVocabulary({ on401: 'throw' });
    } catch (error) {
      state.me = null;
      if (error.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        say($('status'), 'Your session has ended. Please sign in again.', 'error');
      } else {
        say($('status'), `Could not check your sign-in: ${error.message}`, 'error');
      }
    }
  }
  applySession();
  state.keepStatus = true;
  await route();
  document.documentElement.dataset.ready = 'true';
}

start();
