// Page helpers: building elements (text only, never HTML), labels, formats and live-region messages.

export const $ = (id) => document.getElementById(id);

export const LABELS = { private: 'Private', public: 'Public' };

export function label(value) {
  if (value === null || value === undefined || value === '') return '—';
  return LABELS[value] ?? String(value).replaceAll('_', ' ');
}

/** Builds an element: el('a', {href: '#'}, 'text', child). Strings become text nodes. */
export function el(tag, attrs = {}, ...children) {
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

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function timeEl(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return el('time', { datetime: iso, title: iso }, dateTimeFormat.format(date));
}

export function badge(status) {
  return el('span', { class: `badge s-${status}` }, label(status));
}

export function caseLink(reference) {
  return el('a', { href: `#/cases/${encodeURIComponent(reference)}`, class: 'case-link' }, reference);
}

export function setOptions(select, values, { blank } = {}) {
  const current = select.value;
  select.replaceChildren();
  if (blank) select.append(el('option', { value: '' }, blank));
  for (const value of values) select.append(el('option', { value }, label(value)));
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}

/** Writes a message into a live region; kind is '', 'ok' or 'error'. */
export function say(region, message, kind = '') {
  region.classList.toggle('is-error', kind === 'error');
  region.classList.toggle('is-ok', kind === 'ok');
  region.textContent = message ?? '';
}

export function setBusy(form, busy) {
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

export function percent(confidence) {
  return typeof confidence === 'number' ? `${Math.round(confidence * 100)}%` : '—';
}

export function withNote(body, note) {
  const text = note.trim();
  return text ? { ...body, note: text } : body;
}
