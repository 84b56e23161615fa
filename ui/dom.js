// DOM helpers. Data only ever reaches the page as text (textContent, text nodes, setAttribute):
// never through innerHTML, so a name like `<img src=x onerror=alert(1)>` shows as typed.

/** h('tr', {class: 'row', onClick: fn}, 'text', child…): an element with properties and children. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = String(value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export const byId = (id) => document.getElementById(id);

/** A JSON value for a `<pre>`: objects indented, strings (a truncated body) as they are. */
export function pretty(value) {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** `2026-05-21T12:05:03.7544606+00:00` → `05-21 12:05:03` (the tenant's clock, UTC). */
export function shortTime(at) {
  return typeof at === 'string' && at.length >= 19 ? `${at.slice(5, 10)} ${at.slice(11, 19)}` : String(at ?? '');
}

/** Shows enough of a key to recognise it, as the simulator masks keys (src/store/tenants.ts, docs/decisions/0043). */
export function maskKey(key) {
  const prefix = /^sk_(?:test|live)_/.exec(key)?.[0] ?? '';
  const secret = key.slice(prefix.length);
  return secret.length >= 8 ? `${prefix}…${secret.slice(-2)}` : `${prefix}…`;
}

/** A table of name → value pairs (headers), or a note when there are none. */
export function pairs(record, empty = 'none') {
  const entries = Object.entries(record ?? {});
  if (entries.length === 0) return h('p', { class: 'muted', text: empty });
  return h('table', { class: 'pairs' }, h('tbody', {}, entries.map(([k, v]) => h('tr', {}, h('th', { text: k }), h('td', { class: 'mono', text: typeof v === 'string' ? v : JSON.stringify(v) })))));
}
