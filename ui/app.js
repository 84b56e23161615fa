// The inspector's entry point: sign-in, the live stream, and the wiring of the views.
import { ApiError, createApi } from './api.js';
import { createControls } from './controls.js';
import { renderDetail } from './detail.js';
import { byId, maskKey } from './dom.js';
import { renderResourceDetail } from './resource-detail.js';
import { renderResources } from './resources.js';
import { createTimeline } from './timeline.js';

const STORE = { key: 'sent-sim.inspector.key', token: 'sent-sim.inspector.admin-token' };
const RESOURCES_PAGE_SIZE = 50;

let session = null;

const timeline = createTimeline({
  list: byId('timeline'),
  note: byId('timeline-note'),
  kind: byId('filter-kind'),
  status: byId('filter-status'),
  text: byId('filter-text'),
  onSelect: (entry) => renderDetail(byId('detail'), entry, () => (byId('detail').hidden = true)),
  onDeselect: () => (byId('detail').hidden = true),
});

function say(text, isError = false) {
  const el = byId('control-message');
  el.textContent = text;
  el.classList.toggle('error', isError);
}

function showTab(name) {
  for (const tab of ['timeline', 'resources']) {
    byId(`tab-${tab}`).setAttribute('aria-selected', String(tab === name));
    byId(`${tab}-view`).hidden = tab !== name;
  }
  if (name === 'resources') refreshResources();
}

async function refreshResources() {
  if (!session) return;
  const current = session;
  try {
    const view = await current.api.get(`tenant?page=${current.page}&page_size=${RESOURCES_PAGE_SIZE}`);
    if (session !== current) return;
    const open = current.record;
    renderResources(byId('resources'), view, {
      selected: open ? `${open.collection}:${open.id}` : null,
      onShow: (id) => {
        timeline.search(id);
        showTab('timeline');
      },
      onOpen: (collection, record) => openRecord(current, collection, record),
      onPage: (page) => {
        current.page = page;
        refreshResources();
      },
    });
    // The record in the detail is shown as it is now; gone (deleted, reset, another page), its detail closes.
    const fresh = open ? view[open.collection]?.find((r) => r.id === open.id) : undefined;
    if (fresh) renderResourceDetail(byId('resource-detail'), open.collection, fresh, () => closeRecord(current));
    else closeRecord(current);
  } catch (e) {
    say(e.message, true);
  }
}

function openRecord(current, collection, record) {
  current.record = { collection, id: record.id };
  for (const tr of byId('resources').querySelectorAll('tr.record.selected')) tr.classList.remove('selected');
  for (const tr of byId('resources').querySelectorAll(`section[data-collection="${collection}"] tr.record`)) tr.classList.toggle('selected', tr.dataset.id === String(record.id));
  const detail = byId('resource-detail');
  renderResourceDetail(detail, collection, record, () => closeRecord(current));
  detail.scrollIntoView({ block: 'nearest' });
}

function closeRecord(current) {
  current.record = null;
  byId('resource-detail').hidden = true;
  for (const tr of byId('resources').querySelectorAll('tr.record.selected')) tr.classList.remove('selected');
}

/** Stream events come in bursts (a clock advance fires many): the resources refresh once per burst. */
function resourcesChanged() {
  if (!session || byId('resources-view').hidden) return;
  clearTimeout(session.refreshTimer);
  session.refreshTimer = setTimeout(refreshResources, 250);
}

function setLive(text, ok) {
  const el = byId('live');
  el.textContent = text;
  el.className = `badge ${ok ? 'ok' : 'warn'}`;
}

/** Reads the stream until signed out, reconnecting after a failure; each connection starts with the logs' backlog. */
async function follow(current) {
  let delay = 500;
  while (session === current) {
    let backlog = [];
    try {
      await current.api.stream((event, data) => {
        if (session !== current) return;
        if (event === 'ready') {
          timeline.replace(backlog);
          backlog = null;
          setLive('live', true);
          delay = 500;
        } else if (event === 'resync') {
          // The stream skipped entries this page read too slowly to get: read the logs afresh.
          return false;
        } else if (event === 'cleared') {
          timeline.clear(data.log);
          resourcesChanged();
        } else if (backlog) {
          backlog.push([event, data]);
        } else {
          timeline.add(event, data);
          if (event === 'clock') current.controls.setClock(data.at);
          resourcesChanged();
        }
      }, current.abort.signal);
    } catch (e) {
      if (session !== current) return;
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return signOut(e.message);
    }
    if (session !== current) return;
    setLive('reconnecting…', false);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 10_000);
  }
}

async function connect(key, adminToken) {
  const api = createApi({ key, adminToken });
  let me;
  try {
    me = await api.get('whoami');
  } catch (e) {
    byId('login-error').textContent =
      e instanceof ApiError ? `${e.status}: ${e.message}` : `The simulator did not answer (${e.message}).`;
    return false;
  }
  sessionStorage.setItem(STORE.key, key);
  if (adminToken) sessionStorage.setItem(STORE.token, adminToken);
  else sessionStorage.removeItem(STORE.token);
  byId('login-error').textContent = '';
  byId('login').hidden = true;
  byId('app').hidden = false;
  byId('session').hidden = false;
  byId('session-org').textContent = me.name;
  byId('session-key').textContent = maskKey(key);
  byId('session-role').textContent = me.read_only ? `${me.role} · read only` : me.role;
  setLive('connecting…', false);
  const current = { api, page: 1, abort: new AbortController(), refreshTimer: null, controls: null, record: null };
  current.controls = createControls({ api, readOnly: me.read_only, say, changed: resourcesChanged });
  session = current;
  say('');
  current.controls.load().catch((e) => say(e.message, true));
  void follow(current);
  showTab('timeline');
  return true;
}

function signOut(reason = '') {
  if (session) {
    session.abort.abort();
    session.controls.stop();
    clearTimeout(session.refreshTimer);
  }
  session = null;
  sessionStorage.removeItem(STORE.key);
  sessionStorage.removeItem(STORE.token);
  // Another key is another tenant: nothing of this one's view carries over, its filters included.
  timeline.replace([]);
  timeline.resetFilters();
  byId('detail').hidden = true;
  byId('resource-detail').hidden = true;
  byId('resources').replaceChildren();
  byId('advance-result').replaceChildren();
  byId('app').hidden = true;
  byId('session').hidden = true;
  byId('login').hidden = false;
  byId('login-error').textContent = reason;
  byId('key').value = '';
  byId('admin-token').value = '';
  byId('key').focus();
}

byId('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void connect(byId('key').value.trim(), byId('admin-token').value.trim());
});
byId('signout').addEventListener('click', () => signOut());
byId('tab-timeline').addEventListener('click', () => showTab('timeline'));
byId('tab-resources').addEventListener('click', () => showTab('resources'));

const saved = sessionStorage.getItem(STORE.key);
if (saved) void connect(saved, sessionStorage.getItem(STORE.token) ?? '');
