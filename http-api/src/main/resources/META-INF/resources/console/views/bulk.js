// Bulk status update (#/bulk, supervisors): a filter, a new status, a confirmation, then the result.

import { $, caseLink, el, label, say, setBusy, setOptions, withNote } from '../dom.js';
import { api, showError } from '../api.js';
import { addRoute, show } from '../router.js';
import { isSupervisor } from '../session.js';
import { state } from '../state.js';
import { vocabulary } from '../vocabulary.js';

function openBulk() {
  show('bulk', 'Bulk update');
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

$('bulk-filter-status').addEventListener('change', updateBulkTargets);
$('bulk-form').addEventListener('submit', reviewBulk);
$('bulk-confirm-yes').addEventListener('click', confirmBulk);
$('bulk-confirm-no').addEventListener('click', cancelBulk);
$('bulk-confirm').addEventListener('keydown', (event) => {
  if (event.key === 'Escape') cancelBulk();
});

addRoute('bulk', async () => {
  if (isSupervisor()) {
    openBulk();
    return;
  }
  say($('status'), 'Bulk update is for supervisors only.', 'error');
  state.keepStatus = true;
  location.replace('#/cases');
});
