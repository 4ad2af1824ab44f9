// One case (#/cases/{reference}): summary, the thread with staff replies, history, and the actions on it.

import { $, badge, el, label, percent, say, setBusy, setOptions, timeEl, withNote } from '../dom.js';
import { api, showError } from '../api.js';
import { mediaList, photoCount, photoTotal, pinLink } from '../case-parts.js';
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
    // The last case's saved replies are filled in for it: none are offered until this case's arrive.
    state.savedReplies = [];
    $('reply-saved').replaceChildren(el('option', { value: '' }, 'Choose a saved reply…'));
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
    ['Service', data.service ? label(data.service) : '—'],
    ['Confidence', percent(data.confidence)],
    ['Channel', label(data.channel)],
    ['Visibility', label(data.visibility)],
    ['Resident', data.residentId ?? '—'],
    ['Place', data.place || '—'],
    ['Pin', data.pin ? pinLink(data.pin) : '—'],
    ['Photos', photoCount(data.photos)],
    ['Created', timeEl(data.createdAt)],
    ['Updated', timeEl(data.updatedAt)],
    ['Last resident message', timeEl(data.lastResidentMessageAt)],
    ['Assigned to', data.handling?.assignee ?? 'nobody'],
    ['Waiting', waitingText(data.handling)],
    ['First answered by a person', data.handling?.firstHumanAnswerAt ? timeEl(data.handling.firstHumanAnswerAt) : 'not yet'],
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

  setOptions($('category-select'), vocabulary.categories);
  $('category-select').value = data.category;
  showServices(data.service);

  renderHandling(data);
  renderThread(data);
  loadReplyHelpers(data);

  const history = Array.isArray(data.history) ? data.history : [];
  $('case-history-body').replaceChildren(...history.map((event) => el('tr', {},
    el('td', {}, timeEl(event.at)),
    el('td', {}, event.actor ?? '—'),
    el('td', {}, label(event.type)),
    el('td', { class: 'detail' }, event.detail ?? ''),
  )));
}

const REPLY_KINDS = { acknowledgement: 'Acknowledgement', progress_update: 'Progress update', staff_reply: 'Reply' };

function waitingText(handling) {
  if (handling?.awaitingAnswerSince) return el('span', {}, 'for our answer since ', timeEl(handling.awaitingAnswerSince));
  if (handling?.waitingOnResidentSince) return el('span', {}, 'on the resident since ', timeEl(handling.waitingOnResidentSince));
  return 'nobody';
}

function renderHandling(data) {
  const handling = data.handling ?? {};
  const mine = handling.assignee && handling.assignee === state.me?.id;
  $('handling-now').textContent = handling.assignee ? `Assigned to ${mine ? 'you' : handling.assignee}.` : 'Nobody is answering it yet.';
  $('assign-me').hidden = Boolean(mine);
  $('wait-on-resident').disabled = Boolean(handling.waitingOnResidentSince) || data.status === 'resolved' || data.status === 'closed'
    || data.status === 'rejected';
}

/** The resident's messages and every message sent to them, in order, each sent one with its state. */
function renderThread(data) {
  const messages = (Array.isArray(data.messages) ? data.messages : []).map((m) => ({ ...m, at: m.sentAt, resident: true }));
  const authors = new Map((Array.isArray(data.history) ? data.history : [])
    .filter((event) => event.type === 'reply_written').map((event) => [Date.parse(event.at), event.actor]));
  const replies = (Array.isArray(data.replies) ? data.replies : []).map((r) => ({ ...r, author: authors.get(Date.parse(r.at)) }));
  const thread = [...messages, ...replies].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  $('reply-preview').textContent = '';
  $('case-failed').hidden = !data.replyFailed;
  $('case-messages').replaceChildren(...(thread.length ? thread.map((item) => item.resident ? el('li', {},
    el('p', { class: 'meta' }, 'Resident, ', timeEl(item.sentAt)),
    el('p', { class: 'text' }, item.text || (item.pin || photoTotal(item.photos) ? '' : '(no text)')),
    item.pin ? el('p', { class: 'meta' }, 'Location pin: ', pinLink(item.pin)) : null,
    mediaList(item.media, item.photos),
  ) : el('li', { class: `staff${item.state === 'failed' ? ' failed' : ''}`, dataset: { reply: item.replyId, state: item.state } },
    el('p', { class: 'meta' }, `${REPLY_KINDS[item.kind] ?? label(item.kind)}${item.author ? ` by ${item.author}` : ''}, `, timeEl(item.at), ' ',
      el('span', { class: `badge r-${item.state}`, title: item.stateAt ? `since ${item.stateAt}` : undefined }, label(item.state))),
    el('p', { class: 'text' }, item.text),
  )) : [el('li', {}, 'No messages.')]));
}

/** The saved replies (filled in for this case) and, for a query, the self-serve answers that may fit. */
async function loadReplyHelpers(data) {
  const reference = data.reference;
  const saved = $('reply-saved');
  try {
    const replies = await api(`api/cases/${encodeURIComponent(reference)}/saved-replies`);
    if (state.caseRef !== reference) return;
    state.savedReplies = Array.isArray(replies) ? replies : [];
    saved.replaceChildren(el('option', { value: '' }, 'Choose a saved reply…'),
      ...state.savedReplies.map((r) => el('option', { value: r.id }, r.title)));
  } catch (error) {
    showError($('case-feedback'), error);
  }
  const wrap = $('reply-suggestions-wrap');
  wrap.hidden = true;
  if (data.category !== 'query') return;
  try {
    const suggestions = await api(`api/cases/${encodeURIComponent(reference)}/suggestions`);
    if (state.caseRef !== reference || !Array.isArray(suggestions) || suggestions.length === 0) return;
    state.suggestions = suggestions;
    $('reply-suggestions').replaceChildren(...suggestions.map((s, index) => el('li', {},
      el('p', {}, el('strong', {}, s.question), ` (${percent(s.confidence)} match)`),
      el('p', { class: 'text' }, s.answer, s.link ? ` ${s.link}` : ''),
      el('button', { type: 'button', class: 'secondary', dataset: { suggestion: String(index) } }, 'Use this answer'),
    )));
    wrap.hidden = false;
  } catch (error) {
    showError($('case-feedback'), error);
  }
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
/** A report goes to one of its category's services: offer them when the chosen category is a report. */
function showServices(current) {
  const services = (vocabulary.servicesOf?.[$('category-select').value] ?? []).map((service) => service.value);
  setOptions($('service-select'), services);
  if (services.includes(current)) $('service-select').value = current;
  $('service-field').hidden = services.length === 0;
}
$('category-select').addEventListener('change', () => showServices());
$('category-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const category = $('category-select').value;
  if (!category) return;
  const service = $('service-field').hidden ? undefined : $('service-select').value;
  caseAction(event.currentTarget, 'category', withNote({ category, service }, $('category-note').value),
    (summary) => `Filed under ${label(summary.category ?? category)}${summary.service ? ` (${label(summary.service)})` : ''}.`);
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
$('reply-saved').addEventListener('change', () => {
  const chosen = (state.savedReplies ?? []).find((r) => r.id === $('reply-saved').value);
  if (chosen) {
    $('reply-text').value = chosen.text;
    $('reply-preview').textContent = '';
    $('reply-text').focus();
  }
});
$('reply-suggestions').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-suggestion]');
  const chosen = button && (state.suggestions ?? [])[Number(button.dataset.suggestion)];
  if (!chosen) return;
  $('reply-text').value = chosen.link ? `${chosen.answer} ${chosen.link}` : chosen.answer;
  $('reply-text').focus();
});
$('assign-me').addEventListener('click', () => {
  caseAction($('handling-form'), 'assignee', { assignee: 'me' }, () => 'Assigned to you.');
});
$('handling-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const assignee = $('assign-to').value.trim();
  caseAction(event.currentTarget, 'assignee', { assignee: assignee || null },
    () => (assignee ? `Assigned to ${assignee}.` : 'Assigned to nobody.'));
});
$('wait-on-resident').addEventListener('click', () => {
  caseAction($('handling-form'), 'waiting-on-resident', {}, () => 'Waiting on the resident: out of the inbox until they write.');
});
$('note-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const note = filledIn('note-text', 'Write the note first.');
  if (!note) return;
  caseAction(event.currentTarget, 'notes', { note }, () => 'Note added.');
});

addRoute('cases/*', openCase);
