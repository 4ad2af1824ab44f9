// Pins and photos, as the case list and the case detail show them.

import { el } from './dom.js';

export function photoTotal(photos) {
  if (Array.isArray(photos)) return photos.length;
  return typeof photos === 'number' ? photos : 0;
}

export function photoCount(photos) {
  if (Array.isArray(photos)) return String(photos.length);
  if (typeof photos === 'number') return String(photos);
  return '0';
}

export function formatPin(pin) {
  if (!pin || typeof pin.lat !== 'number' || typeof pin.lon !== 'number') return '—';
  return `${pin.lat.toFixed(5)}, ${pin.lon.toFixed(5)}`;
}

export function pinLink(pin) {
  const text = formatPin(pin);
  if (text === '—') return text;
  const url = `https://www.openstreetmap.org/?mlat=${pin.lat}&mlon=${pin.lon}#map=18/${pin.lat}/${pin.lon}`;
  return el('span', {}, `${text} (`, el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, 'map', el('span', { class: 'visually-hidden' }, ', opens in a new tab')), ')');
}

export function photoList(photos) {
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
