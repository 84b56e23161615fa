// Resources, from GET /_sim/tenant: every declared collection the simulator holds, one page at a
// time. Known collections get columns of their own; any other (a resource added later) shows its
// id and a few plain fields, so it appears without a change here.
import { h, pairs, shortTime } from './dom.js';

const yesNo = (v) => (v === true ? 'yes' : v === false ? 'no' : '');

/** The path a message's status took: QUEUED → … → DELIVERED. */
function statusPath(m) {
  const steps = Array.isArray(m.activities) ? m.activities : Array.isArray(m.events) ? m.events : [];
  const names = steps.map((s) => s?.status).filter(Boolean);
  return names.length ? names.join(' → ') : (m.status ?? '');
}

/** Columns per collection: [heading, value(record, context)]. */
const COLUMNS = {
  profiles: [
    ['Name', (p) => p.name],
    ['Status', (p) => (p.deleted_at ? `${p.status} (deleted)` : p.status)],
    ['Brand', (p) => (!p.brand ? 'none' : p.brand.submitted_to_tcr ? 'locked (submitted to TCR)' : p.brand.is_inherited ? 'inherited, editable' : 'editable')],
    ['Completion', (p, c) => (c.pending.has(`completion:${p.id}`) ? 'job pending' : '')],
  ],
  campaigns: [
    ['Name', (r) => r.name],
    ['Status', (r) => r.status ?? (r.submittedToTCR ? 'submitted' : 'not submitted')],
    ['Owner', (r) => r.profileId ?? r.profile_id ?? 'organization'],
  ],
  messages: [
    ['To', (m) => m.phone ?? m.to ?? ''],
    ['Channel', (m) => m.channel ?? m.route ?? ''],
    ['Status path', statusPath],
  ],
  webhooks: [
    ['Name', (w) => w.display_name],
    ['Endpoint', (w) => w.endpoint_url],
    ['Active', (w) => yesNo(w.is_active)],
    ['Consecutive failures', (w) => w.consecutive_failures],
  ],
  templates: [
    ['Name', (t) => t.name],
    ['Review status', (t) => t.status],
    ['Category', (t) => t.category],
  ],
  contacts: [
    ['Phone', (c) => c.phone_number ?? c.phone],
    ['Opted out', (c) => yesNo(c.opt_out)],
  ],
  users: [
    ['Name', (u) => u.name],
    ['Email', (u) => u.email],
    ['Role', (u) => u.role],
    ['Status', (u) => u.status],
  ],
};

const PREFERRED = ['name', 'display_name', 'status', 'event_type', 'delivery_status', 'email', 'phone_number', 'created_at'];

/** A collection nobody described: up to four plain fields, preferred ones first. */
function genericColumns(items) {
  const keys = new Set();
  for (const item of items.slice(0, 20)) for (const [k, v] of Object.entries(item)) if (k !== 'id' && (v === null || typeof v !== 'object')) keys.add(k);
  const ordered = [...PREFERRED.filter((k) => keys.has(k)), ...[...keys].filter((k) => !PREFERRED.includes(k))].slice(0, 4);
  return ordered.map((k) => [k, (r) => r[k]]);
}

function cell(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function collectionTable(name, items, total, context) {
  const columns = COLUMNS[name] ?? genericColumns(items);
  const heading = h('h2', { text: `${name} (${total})` });
  if (items.length === 0) return h('section', { class: 'collection', dataset: { collection: name } }, heading, h('p', { class: 'muted', text: total > 0 ? 'None on this page.' : 'None yet.' }));
  return h(
    'section',
    { class: 'collection', dataset: { collection: name } },
    heading,
    h(
      'table',
      { class: 'grid' },
      h('thead', {}, h('tr', {}, h('th', { text: 'Id' }), columns.map(([t]) => h('th', { text: t })), h('th', {}))),
      h(
        'tbody',
        {},
        items.map((item) => {
          // A row opens the record's detail (click or Enter); its "timeline" button shows the entries that mention it.
          const open = () => context.onOpen(name, item);
          const showTimeline = (e) => {
            e.stopPropagation();
            context.onShow(cell(item.id));
          };
          return h(
            'tr',
            {
              class: `record${context.selected === `${name}:${item.id}` ? ' selected' : ''}`,
              tabindex: '0',
              title: 'Show this record',
              dataset: { id: cell(item.id) },
              onClick: open,
              onKeydown: (e) => e.key === 'Enter' && e.target === e.currentTarget && open(),
            },
            h('td', { class: 'mono id', text: cell(item.id) }),
            columns.map(([, value]) => h('td', { text: cell(value(item, context)) })),
            h('td', {}, h('button', { type: 'button', class: 'link', onClick: showTimeline, text: 'timeline' })),
          );
        }),
      ),
    ),
  );
}

/** Fills `container` from a `GET /_sim/tenant` answer. */
export function renderResources(container, view, { onShow, onOpen, onPage, selected = null }) {
  const pending = new Set((view.pending_jobs ?? []).map((j) => `${j.kind}:${j.profile_id ?? ''}`));
  const totals = view.totals ?? {};
  const names = Object.keys(totals).filter((n) => n !== 'pending_jobs' && Array.isArray(view[n]));
  const { page, page_size: size } = view.page ?? { page: 1, page_size: 100 };
  const more = names.some((n) => totals[n] > page * size) || (totals.pending_jobs ?? 0) > page * size;
  const org = view.organization ?? {};
  container.replaceChildren(
    h(
      'section',
      { class: 'collection' },
      h('h2', { text: 'Organization' }),
      pairs({
        name: view.name,
        organization_id: view.organization_id,
        'tenant clock': view.now,
        'WhatsApp Business Account': org.whatsapp_business_account?.waba_id ?? 'none',
        'organization brand': org.brand ? org.brand.status ?? 'set' : 'none',
      }),
      h('h3', { text: 'Settings' }),
      pairs(view.settings),
      h('h3', { text: `Pending jobs (${totals.pending_jobs ?? 0})` }),
      (view.pending_jobs ?? []).length === 0
        ? h('p', { class: 'muted', text: 'None.' })
        : h(
            'table',
            { class: 'grid', id: 'pending-jobs' },
            h('thead', {}, h('tr', {}, ['Kind', 'Profile', 'Due'].map((t) => h('th', { text: t })))),
            h('tbody', {}, view.pending_jobs.map((j) => h('tr', {}, h('td', { text: j.kind }), h('td', { class: 'mono', text: j.profile_id ?? '' }), h('td', { class: 'mono', text: shortTime(j.due_at) })))),
          ),
    ),
    ...names.map((n) => collectionTable(n, view[n], totals[n], { pending, onShow, onOpen, selected })),
    h(
      'nav',
      { class: 'pager' },
      h('button', { type: 'button', id: 'page-prev', disabled: page <= 1, onClick: () => onPage(page - 1), text: '‹ Previous' }),
      h('span', { text: ` Page ${page} · ${size} per collection ` }),
      h('button', { type: 'button', id: 'page-next', disabled: !more, onClick: () => onPage(page + 1), text: 'Next ›' }),
    ),
  );
}
