// The staff API on the same origin, with the bearer token this tab keeps in sessionStorage.

import { say } from './dom.js';

const TOKEN_KEY = 'councilInbox.token';

export const storedToken = () => sessionStorage.getItem(TOKEN_KEY);
export const storeToken = (token) => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = () => sessionStorage.removeItem(TOKEN_KEY);

/** The API lives next to /console/ ("../api/..."), so the page also works under a stage prefix. */
export const BASE = new URL('../', document.baseURI);

/** What a 401 on /api/ does (end the session: set by the session module, which this one cannot import). */
let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export class ApiError extends Error {
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
export async function api(path, { method = 'GET', body, raw = false, on401 = 'sign-out', auth = true } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  const token = storedToken();
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
      onUnauthorized('Your session has ended or your token was not accepted. Please sign in again.');
      error.handled = true;
    }
    throw error;
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export function showError(region, error) {
  if (error && error.handled) return;
  let message = error instanceof Error ? error.message : String(error);
  if (error && error.status === 403) message = `Not allowed: ${message}`;
  say(region, message, 'error');
}
