// One case (#/cases/{reference}): summary, the thread with staff replies, history, and the actions on it.

import { $, badge, el, label, percent, say, setBusy, setOptions, timeEl, withNote } from '../dom.js';
import { api, showError } from '../api.js';
import { photoCount, photoList, photoTotal, pinLink } from '../case-parts.js';
import { addRoute, show } from '../router.js';
import { state } from '../state.js';
import { vocabulary } from '../vocabulary.js';

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

addRoute('cases/*', openCase);
