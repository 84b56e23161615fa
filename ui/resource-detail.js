// The detail of one resource from GET /_sim/tenant: what matters first (a message's body, a
// template's definition), then the whole record as the simulator holds it.
import { h, pretty, shortTime } from './dom.js';

/** `messages` → `message`: how the detail names one record of a collection. */
const singular = (collection) => (collection.endsWith('ies') ? `${collection.slice(0, -3)}y` : collection.replace(/s$/, ''));

function section(title, value, id) {
  return [h('h3', { text: title }), h('pre', { class: 'body', id, text: pretty(value) })];
}

/** The parts each known collection puts first; any other shows its record only. */
const FIRST = {
  messages: (m) => [
    h('p', { class: 'mono', text: `${m.direction ?? 'outbound'} · ${m.channel ?? m.route ?? 'auto'} · ${m.phone ?? ''} · ${m.status ?? ''}${m.created_at ? ` · ${shortTime(m.created_at)}` : ''}` }),
    ...section('Message body', m.message_body?.content ?? m.routed_body ?? m.message_body ?? m.text ?? null, 'resource-message-body'),
    m.template_name ? h('p', { text: `Template ${m.template_name} (${m.template_id})` }) : null,
  ],
  templates: (t) => [
    h('p', { class: 'mono', text: `${t.name ?? ''} · ${t.status ?? ''} · ${(t.channels ?? []).join(', ')}` }),
    ...section('Definition', t.definition ?? t.simulator?.definition ?? null, 'resource-definition'),
  ],
};

/** Fills `container` with one record of `collection`. */
export function renderResourceDetail(container, collection, record, onClose) {
  const first = (FIRST[collection]?.(record) ?? []).filter(Boolean);
  container.replaceChildren(
    h('button', { type: 'button', class: 'close', id: 'resource-detail-close', 'aria-label': 'Close the detail', onClick: onClose, text: '×' }),
    h('h2', { class: 'mono', text: `${singular(collection)} ${record.id}` }),
    ...first,
    ...section('Record', record, 'resource-record'),
  );
  container.hidden = false;
}
