// The /_sim API as the page uses it: every call carries the API key (and the admin token when
// one was given) in headers; the live stream is read with fetch() for the same reason.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? problem?.error?.code ?? null;
    this.problem = problem;
  }
}

export function createApi({ key, adminToken }) {
  // The page is served at <mount>/_sim/ui/, so the API is one level up, wherever the app is mounted.
  const base = new URL('../', location.href);
  const headers = (extra = {}) => {
    const h = { 'x-api-key': key, ...extra };
    if (adminToken) h['x-sim-admin-token'] = adminToken;
    return h;
  };

  async function request(method, path, body) {
    const init = { method, headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }), cache: 'no-store' };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(new URL(path, base), init);
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  /** Reads `GET /_sim/stream` until it ends, `signal` aborts or onEvent(name, data) returns false (the stream is then dropped). */
  async function stream(onEvent, signal) {
    const res = await fetch(new URL('stream', base), { headers: headers({ accept: 'text/event-stream' }), signal, cache: 'no-store' });
    if (!res.ok) {
      let problem = null;
      try {
        problem = await res.json();
      } catch {
        problem = null;
      }
      throw new ApiError(res.status, problem);
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) name = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length > 0 && onEvent(name, JSON.parse(data.join('\n'))) === false) {
          await reader.cancel();
          return;
        }
      }
    }
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body = {}) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    delete: (path) => request('DELETE', path),
    stream,
  };
}
