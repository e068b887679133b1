// Calls to Qalam's public API. The credential lives in sessionStorage (gone when the tab closes or on sign
// out) and travels only in the Authorization header, never in a URL.
const CREDENTIAL = 'qalam.credential';

export const session = {
  get token() { return sessionStorage.getItem(CREDENTIAL); },
  set(token) { sessionStorage.setItem(CREDENTIAL, token); },
  clear() { sessionStorage.removeItem(CREDENTIAL); },
};

let unauthorized = () => {};
export function onUnauthorized(handler) { unauthorized = handler; }

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function headers(extra = {}) {
  return { Authorization: 'Bearer ' + session.token, ...extra };
}

async function failure(response) {
  const text = await response.text();
  let message = text || response.statusText;
  try { message = JSON.parse(text).error.message || message; } catch (e) { /* not the API's error shape */ }
  if (response.status === 401) unauthorized();
  return new ApiError(response.status, message);
}

/** A JSON call; resolves to the parsed answer (null for 204). */
export async function api(path, { method = 'GET', json, body, signal } = {}) {
  const extra = json === undefined ? {} : { 'Content-Type': 'application/json' };
  const response = await fetch(path, {
    method, headers: headers(extra), body: json === undefined ? body : JSON.stringify(json), signal,
  });
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

/**
 * Server-sent events read through fetch() (an EventSource cannot send the Authorization header): yields
 * {event, data} for each event as it arrives.
 */
export async function* events(path, { method = 'GET', json, signal } = {}) {
  const extra = { Accept: 'text/event-stream' };
  if (json !== undefined) extra['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers: headers(extra), body: json === undefined ? undefined : JSON.stringify(json), signal,
  });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) yield { event, data: data.join('\n') };
    }
  }
}

/** A multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Authorization', 'Bearer ' + session.token);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(Math.round(100 * e.loaded / e.total)); };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { /* empty or not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(100); resolve(data); return; }
      if (xhr.status === 401) unauthorized();
      reject(new ApiError(xhr.status, (data && data.error && data.error.message) || xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network error'));
    xhr.send(form);
  });
}
