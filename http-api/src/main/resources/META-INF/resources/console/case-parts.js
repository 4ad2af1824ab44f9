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

/**
 * What became of each photo or video a message brought: a thumbnail linking to the full photo (both through links that
 * expire in minutes: reload the case for fresh ones), a video link, or why it was not kept; and how many are still
 * being fetched.
 */
export function mediaList(media, attached) {
  const items = Array.isArray(media) ? media : [];
  const pending = Math.max(0, photoTotal(attached) - items.length);
  if (items.length === 0 && pending === 0) return null;
  const entries = items.map((photo, index) => {
    const name = `${photo.contentType && photo.contentType.startsWith('video/') ? 'Video' : 'Photo'} ${index + 1}`;
    if (photo.outcome !== 'kept' || !photo.url) {
      return el('li', { class: 'not-kept' }, `${name} not kept: ${photo.detail}`);
    }
    const content = photo.thumbnailUrl
      ? el('img', { src: photo.thumbnailUrl, alt: `${name} from the resident`, class: 'thumbnail', loading: 'lazy' })
      : name;
    return el('li', {}, el('a', { href: photo.url, target: '_blank', rel: 'noopener noreferrer', title: photo.detail }, content,
      el('span', { class: 'visually-hidden' }, ', full size, opens in a new tab')));
  });
  if (pending > 0) entries.push(el('li', { class: 'pending' }, `${pending} ${pending === 1 ? 'attachment' : 'attachments'} being fetched`));
  return el('ul', { class: 'photos' }, entries);
}
