// The detail of one timeline entry: what the journal kept of a request and its answer, the exact
// body and headers of a delivery with whether its signature verifies, or what a clock advance fired.
import { h, pairs, pretty, shortTime } from './dom.js';
import { deliveryLabel, human } from './timeline.js';

function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [h('dt', { text: k }), h('dd', { class: 'mono', text: String(v) })]),
  );
}

function body(value, missing) {
  return value === undefined ? h('p', { class: 'muted', text: missing }) : h('pre', { class: 'body', text: pretty(value) });
}

function requestDetail(d) {
  const control = d.path.startsWith('/_sim');
  const dropped = 'Dropped to keep the journal’s body budget (--journal-body-budget).';
  return [
    h('h2', { class: 'mono', text: `${d.method} ${d.path}` }),
    facts([
      ['Status', d.status],
      ['Sent error code', d.error_code],
      ['Operation', d.operation],
      ['Request id', d.request_id],
      ['At (tenant clock)', d.at],
      ['Duration', `${d.duration_ms} ms`],
      ['Scenario', d.scenario],
      ['Sandbox', d.sandbox ? 'yes' : null],
    ]),
    h('h3', { text: 'Request headers' }),
    pairs(d.headers),
    h('h3', { text: 'Request body' }),
    body(d.body, d.body_dropped ? dropped : 'No body.'),
    h('h3', { text: 'Response headers' }),
    pairs(d.response_headers, 'Not recorded.'),
    h('h3', { text: 'Response body' }),
    body(d.response_body, d.body_dropped ? dropped : control ? 'Control-plane answers are not kept in the journal.' : 'No body.'),
  ];
}

function signature(verifies) {
  if (verifies === true) return h('span', { class: 'badge ok', id: 'signature', text: 'verifies with the current secret' });
  if (verifies === false) return h('span', { class: 'badge bad', id: 'signature', text: 'does not verify with the current secret' });
  return h('span', { class: 'badge', id: 'signature', text: 'not signed, or no secret any more' });
}

function deliveryDetail(d) {
  return [
    h('h2', { text: deliveryLabel(d) }),
    facts([
      ['Target', d.url],
      ['Source', d.source],
      ['Event', d.event_type],
      ['Reference', d.ref],
      ['Outcome', d.error ? `${d.status_code ? `${d.status_code} · ` : ''}${d.error}` : `${d.status_code} delivered`],
      ['Attempt', `${d.attempt} of ${d.max_attempts}`],
      ['Next attempt', d.next_attempt_at],
      ['Duration', `${d.duration_ms} ms`],
      ['At (tenant clock)', d.at],
      ['Scenario', d.scenario],
      ['Delivery id', d.delivery_id],
    ]),
    h('p', {}, 'Signature: ', signature(d.signature_verifies)),
    h('h3', { text: 'Headers sent' }),
    pairs(d.headers, 'Nothing was sent.'),
    h('h3', { text: 'Body sent' }),
    body(d.payload, 'No body.'),
  ];
}

function clockDetail(d) {
  return [
    h('h2', { text: `Clock advanced by ${human(d.seconds)}` }),
    facts([
      ['From', d.from],
      ['To', d.at],
      ['Seconds', d.seconds],
    ]),
    h('h3', { text: 'Jobs fired' }),
    d.fired.length === 0
      ? h('p', { class: 'muted', text: 'None fell due.' })
      : h(
          'table',
          { class: 'grid' },
          h('thead', {}, h('tr', {}, ['Kind', 'Profile', 'Due'].map((t) => h('th', { text: t })))),
          h('tbody', {}, d.fired.map((j) => h('tr', {}, h('td', { text: j.kind }), h('td', { class: 'mono', text: j.profile_id ?? '' }), h('td', { class: 'mono', text: shortTime(j.due_at) })))),
        ),
  ];
}

/** Fills `container` with the entry's detail. */
export function renderDetail(container, entry, onClose) {
  const content = entry.kind === 'delivery' ? deliveryDetail(entry.data) : entry.kind === 'clock' ? clockDetail(entry.data) : requestDetail(entry.data);
  container.replaceChildren(h('button', { type: 'button', class: 'close', id: 'detail-close', 'aria-label': 'Close the detail', onClick: onClose, text: '×' }), ...content);
  container.hidden = false;
}
