// The server's statuses, categories, channels, labels and transitions, and the filters built from them.

import { $, el, label, LABELS, setOptions } from './dom.js';
import { api } from './api.js';

/**
 * Statuses, categories, services (each with the category it belongs to) and channels with their labels, and the transitions staff may make: all from
 * GET /api/vocabulary once signed in (loadVocabulary), so the console never keeps a copy of the server's rules.
 */
export const vocabulary = { statuses: [], categories: [], channels: [], services: [], next: {} };

/** The server's statuses, categories, channels, labels and transitions (GET /api/vocabulary), then the filters built from them. */
export async function loadVocabulary({ on401 } = {}) {
  const data = await api('api/vocabulary', { on401 });
  for (const kind of ['statuses', 'categories', 'channels', 'services']) {
    vocabulary[kind] = data[kind].map((entry) => entry.value);
    for (const entry of data[kind]) LABELS[entry.value] = entry.label;
  }
  vocabulary.next = Object.fromEntries(data.statuses.map((status) => [status.value, status.next]));
  vocabulary.servicesOf = Object.groupBy(data.services, (service) => service.category);
  buildFilters();
}

export function buildFilters() {
  $('filter-statuses').replaceChildren(...vocabulary.statuses.map((status) => el('label', {},
    el('input', { type: 'checkbox', name: 'status', value: status, id: `filter-status-${status}` }), label(status))));
  setOptions($('filter-category'), vocabulary.categories, { blank: 'Any category' });
  setOptions($('filter-channel'), vocabulary.channels, { blank: 'Any channel' });
  setOptions($('bulk-filter-status'), vocabulary.statuses, { blank: 'Any status' });
  setOptions($('bulk-filter-category'), vocabulary.categories, { blank: 'Any category' });
  setOptions($('bulk-filter-channel'), vocabulary.channels, { blank: 'Any channel' });
}
