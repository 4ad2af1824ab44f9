// The inbox (#/inbox): cases waiting for a person's answer (or on the resident), longest waiting first, with how
// long the resident has waited and how much of the platform's reply window is left; assign one to yourself here.

import { $, caseLink, el, label, say, setBusy } from '../dom.js';
import { api, showError } from '../api.js';
import { addRoute, show } from '../router.js';
import { state } from '../state.js';

/** "3 h 5 min", "2 days 4 h", "under a minute" */
export function duration(minutes) {
  if (typeof minutes !== 'number' || Number.isNaN(minutes)) return '—';
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = Math.floor(minutes % 60);
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'}${hours ? ` ${hours} h` : ''}`;
  return hours > 0 ? `${hours} h${mins ? ` ${mins} min` : ''}` : `${mins} min`;
}

/** The reply window in words: no limit, closed (and what happens then), or the time left. */
export function windowLeft(entry) {
  if (entry.replyMinutesLeft === null || entry.replyMinutesLeft === undefined) {
    return entry.freeFormUntil ? `no limit (ordinary messages until ${new Date(entry.freeFormUntil).toLocaleString('en-GB')}, ${entry.afterwards})`
      : 'no limit';
  }
  if (entry.replyMinutesLeft <= 0) return `closed: ${entry.afterwards}`;
  return `${duration(entry.replyMinutesLeft)} left`;
}

async function openInbox() {
  show('inbox', 'Inbox');
  await loadInbox();
}

async function loadInbox() {
  const feedback = $('inbox-feedback');
  const form = $('inbox-form');
  const waiting = $('inbox-waiting').value;
  const params = new URLSearchParams({ waiting, assignee: $('inbox-assignee').value, limit: '200' });
  say(feedback, 'Loading the inbox…');
  setBusy(form, true);
  try {
    const entries = await api(`api/inbox?${params}`);
    renderInbox(Array.isArray(entries) ? entries : [], waiting);
    const count = Array.isArray(entries) ? entries.length : 0;
    say(feedback, count === 0 ? 'Nobody is waiting.' : `${count} ${count === 1 ? 'case' : 'cases'} waiting.`);
  } catch (error) {
    showError(feedback, error);
  } finally {
    setBusy(form, false);
  }
}

function renderInbox(entries, waiting) {
  $('inbox-caption').textContent = waiting === 'on_resident'
    ? `Waiting on the resident, longest first (${entries.length})` : `Waiting for our answer, longest first (${entries.length})`;
  $('inbox-body').replaceChildren(...entries.map((entry) => {
    const c = entry.caseSummary;
    const assignee = c.handling?.assignee;
    const mine = assignee && assignee === state.me?.id;
    const closed = typeof entry.replyMinutesLeft === 'number' && entry.replyMinutesLeft <= 0;
    return el('tr', { dataset: { reference: c.reference, category: c.category, waited: String(entry.waitedMinutes) } },
      el('th', { scope: 'row' }, caseLink(c.reference)),
      el('td', {}, label(c.category)),
      el('td', {}, label(c.channel)),
      el('td', { dataset: { field: 'waited' } }, duration(entry.waitedMinutes)),
      el('td', { class: closed ? 'window-closed' : '', dataset: { field: 'window' } }, windowLeft(entry)),
      el('td', {}, assignee ?? 'nobody'),
      el('td', {}, mine ? '' : el('button', { type: 'button', class: 'secondary', dataset: { assign: c.reference } }, 'Assign to me',
        el('span', { class: 'visually-hidden' }, ` (${c.reference})`))),
    );
  }));
}

$('inbox-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadInbox();
});
$('inbox-body').addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-assign]');
  if (!button) return;
  const reference = button.dataset.assign;
  button.disabled = true;
  try {
    await api(`api/cases/${encodeURIComponent(reference)}/assignee`, { method: 'POST', body: { assignee: 'me' } });
    await loadInbox();
    say($('inbox-feedback'), `${reference} is assigned to you.`, 'ok');
  } catch (error) {
    button.disabled = false;
    showError($('inbox-feedback'), error);
  }
});

addRoute('inbox', openInbox);
