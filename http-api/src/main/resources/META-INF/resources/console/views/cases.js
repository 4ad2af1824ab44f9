// The case list (#/cases): filters and the table of cases.

import { $, badge, caseLink, el, label, percent, say, setBusy, timeEl } from '../dom.js';
import { api, showError } from '../api.js';
import { formatPin, photoCount } from '../case-parts.js';
import { addRoute, show } from '../router.js';

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
  show('cases', 'Cases');
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

$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  loadCases();
});
$('filters').addEventListener('reset', () => setTimeout(loadCases, 0));
$('cases-refresh').addEventListener('click', loadCases);

addRoute('cases', openCases);
