// The timeline: journal requests, delivery attempts and clock advances, newest first (by the
// tenant's clock, then by arrival), filterable by kind, outcome and text.
import { h, shortTime } from './dom.js';

/** Rows drawn at most; the filters narrow the rest down. */
const MAX_ROWS = 300;

export function kindOf(event, data) {
  if (event === 'request') return typeof data.path === 'string' && data.path.startsWith('/_sim') ? 'control' : 'api';
  return event;
}

export function failedOf(kind, data) {
  if (kind === 'api' || kind === 'control') return data.status >= 400;
  if (kind === 'delivery') return !data.delivered;
  return false;
}

/** A duration in the largest whole unit it fills: 90 → "1 min 30 s", 86400 → "1 d". */
export function human(seconds) {
  const parts = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]]) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return parts.length ? parts.slice(0, 2).join(' ') : '0 s';
}

/** `981464eb-ffe3-…` → `981464eb`: enough to tell messages apart in a row (the detail has the whole id). */
const short = (id) => String(id).slice(0, 8);

/**
 * The message (or template) a request or a delivery is about, for its row: a send names the
 * message it made, a delivery the message (or template) its event is about.
 */
export function subjectOf(kind, d) {
  if (kind === 'delivery') {
    const p = d.payload?.payload;
    if (typeof p?.message_id === 'string') return `message ${short(p.message_id)}`;
    if (typeof p?.template_name === 'string') return `template ${p.template_name}`;
    return '';
  }
  if (kind !== 'api') return '';
  const recipients = d.response_body?.data?.recipients;
  if (!Array.isArray(recipients) || recipients.length === 0) return '';
  if (recipients.length > 1) return `${recipients.length} messages`;
  const [m] = recipients;
  return `message ${short(m.message_id)}${m.to ? ` to ${m.to}` : ''}`;
}

/**
 * A clock advance made here shows once, as the advance with the jobs it fired: the control-plane
 * request behind it is left out (a refused advance still shows, as the request it was).
 */
export function shownOnce(event, data) {
  return !(event === 'request' && data.method === 'POST' && typeof data.path === 'string' && data.path.endsWith('/_sim/clock/advance') && data.status < 400);
}

/** What a delivery was: a completion callback (with its outcome) or a webhook event. */
export function deliveryLabel(d) {
  if (d.event_type) return d.event_type;
  if (d.source === 'completion') return `completion callback${d.payload?.status ? ` (${d.payload.status})` : ''}`;
  return d.source;
}

function statusBadge(entry) {
  const d = entry.data;
  if (entry.kind === 'clock') return h('span', { class: 'badge', text: `${d.fired.length} job${d.fired.length === 1 ? '' : 's'} fired` });
  if (entry.kind === 'delivery') {
    const text = d.error ? (d.status_code ? `${d.status_code} · ${d.error}` : d.error) : String(d.status_code);
    return h('span', { class: `badge ${d.delivered ? 'ok' : 'bad'}`, text });
  }
  const cls = d.status >= 500 ? 'bad' : d.status >= 400 ? 'warn' : 'ok';
  return h('span', { class: `badge ${cls}`, text: d.error_code ? `${d.status} ${d.error_code}` : String(d.status) });
}

function row(entry, selected) {
  const d = entry.data;
  let kindText;
  let main;
  let meta;
  if (entry.kind === 'clock') {
    kindText = 'clock';
    main = `advanced ${human(d.seconds)}`;
    meta = d.fired.map((j) => j.kind).join(', ');
  } else if (entry.kind === 'delivery') {
    const subject = subjectOf('delivery', d);
    kindText = d.source === 'completion' ? 'callback' : d.source;
    main = `${deliveryLabel(d)}${subject ? ` · ${subject}` : ''} → ${d.url}`;
    meta = `attempt ${d.attempt} of ${d.max_attempts} · ${d.duration_ms} ms`;
  } else {
    const subject = subjectOf(entry.kind, d);
    kindText = entry.kind === 'api' ? 'API' : '/_sim';
    main = `${d.method} ${d.path}`;
    meta = `${d.duration_ms} ms${subject ? ` · ${subject}` : ''}${d.scenario ? ` · ${d.scenario}` : ''}${d.sandbox ? ' · sandbox' : ''}`;
  }
  return h(
    'li',
    { class: `row kind-${entry.kind}${entry.failed ? ' failed' : ''}${selected ? ' selected' : ''}`, tabindex: '0', dataset: { id: String(entry.id), kind: entry.kind } },
    h('span', { class: 'time mono', text: shortTime(d.at) }),
    h('span', { class: 'badge kind', text: kindText }),
    h('span', { class: 'main mono', text: main }),
    statusBadge(entry),
    h('span', { class: 'meta muted', text: meta }),
  );
}

/** What names one entry across reconnections (its row id does not). */
const identity = (d) => d.request_id ?? (d.delivery_id ? `${d.delivery_id}#${d.attempt}` : d.at);

export function createTimeline({ list, note, kind, status, text, onSelect, onDeselect }) {
  let entries = [];
  let seq = 0;
  let selected = null;
  let scheduled = false;

  const make = (event, data) => {
    const k = kindOf(event, data);
    return { id: ++seq, kind: k, data, failed: failedOf(k, data), search: JSON.stringify(data).toLowerCase() };
  };

  const visible = () => {
    const wantKind = kind.value;
    const wantStatus = status.value;
    const needle = text.value.trim().toLowerCase();
    return entries.filter(
      (e) =>
        (wantKind === 'all' || e.kind === wantKind || (wantKind === 'requests' && (e.kind === 'api' || e.kind === 'control'))) &&
        (wantStatus === 'all' || (wantStatus === 'failed') === e.failed) &&
        (needle === '' || e.search.includes(needle)),
    );
  };

  const render = () => {
    scheduled = false;
    const shown = visible().sort((a, b) => (a.data.at < b.data.at ? 1 : a.data.at > b.data.at ? -1 : b.id - a.id));
    const rows = shown.slice(0, MAX_ROWS);
    // The detail of an entry the filters (or a reset) took out of the list closes with it.
    if (selected !== null && !rows.some((e) => e.id === selected)) {
      selected = null;
      onDeselect();
    }
    list.replaceChildren(...rows.map((e) => row(e, e.id === selected)));
    note.textContent =
      entries.length === 0
        ? 'Nothing yet: requests, deliveries and clock advances appear here as they happen.'
        : shown.length > MAX_ROWS
          ? `Showing the newest ${MAX_ROWS} of ${shown.length} entries that match.`
          : `${shown.length} of ${entries.length} entries.`;
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(render);
  };

  const choose = (target) => {
    const li = target.closest('li.row');
    if (!li) return;
    const entry = entries.find((e) => String(e.id) === li.dataset.id);
    if (!entry) return;
    selected = entry.id;
    for (const el of list.querySelectorAll('li.selected')) el.classList.remove('selected');
    li.classList.add('selected');
    onSelect(entry);
  };
  list.addEventListener('click', (e) => choose(e.target));
  list.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(e.target);
    }
  });
  for (const input of [kind, status]) input.addEventListener('change', schedule);
  text.addEventListener('input', schedule);

  return {
    add(event, data) {
      if (!shownOnce(event, data)) return;
      entries.push(make(event, data));
      schedule();
    },
    /** A (re)connected stream's backlog replaces everything; the entry shown in the detail stays chosen. */
    replace(items) {
      const chosen = entries.find((e) => e.id === selected);
      entries = items.filter(([event, data]) => shownOnce(event, data)).map(([event, data]) => make(event, data));
      selected = chosen ? (entries.find((e) => e.kind === chosen.kind && identity(e.data) === identity(chosen.data))?.id ?? null) : null;
      schedule();
    },
    /** A log was emptied (reset): its entries go. */
    clear(log) {
      const kinds = log === 'requests' ? ['api', 'control'] : log === 'deliveries' ? ['delivery'] : ['clock'];
      entries = entries.filter((e) => !kinds.includes(e.kind));
      schedule();
    },
    /** Back to every entry (another key signs in). */
    resetFilters() {
      kind.value = 'all';
      status.value = 'all';
      text.value = '';
      schedule();
    },
    /** Narrows to entries mentioning `needle` (a resource's id). */
    search(needle) {
      text.value = needle;
      kind.value = 'all';
      status.value = 'all';
      schedule();
    },
    render,
  };
}
