// The levers: the tenant's clock, the active scenario, reset, export and import. A read-only key
// (developer, billing) sees them disabled: the control plane would refuse them (docs/decisions/0022).
import { byId, h, shortTime } from './dom.js';
import { human } from './timeline.js';

const UNITS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
/** The control plane's bound on one advance (src/control/schemas.ts: 10 years). */
const MAX_ADVANCE_SECONDS = 315_360_000;

/** Why an amount typed in cannot be an advance, in words (null: it can). */
export function advanceProblem(raw, unit) {
  const amount = Number(raw);
  if (String(raw).trim() === '' || !Number.isFinite(amount)) return `Enter how many ${unit} to advance by, as a number.`;
  if (amount <= 0) return 'The clock only moves forward: enter an amount above zero.';
  if (amount * UNITS[unit] > MAX_ADVANCE_SECONDS) return 'One advance moves the clock at most 10 years (3,650 days); advance again for more.';
  return null;
}

export function createControls({ api, readOnly, say, changed }) {
  const clockNow = byId('clock-now');
  const result = byId('advance-result');
  const scenario = byId('scenario');
  const scenarioInfo = byId('scenario-description');
  const resetButton = byId('reset');
  let clock = { now: null, fetchedAt: 0 };
  let descriptions = new Map();
  let confirmTimer = null;

  const writes = [...document.querySelectorAll('[data-advance]'), byId('advance-custom'), byId('advance-amount'), byId('advance-unit'), scenario, resetButton, byId('import-file')];
  for (const el of writes) {
    el.disabled = readOnly;
    if (readOnly) el.title = 'This key may only read the control plane (developer and billing keys).';
  }
  byId('import-label').classList.toggle('disabled', readOnly);

  // The tenant's clock runs in real time between advances: shown ticking from the last reading.
  const showClock = () => {
    if (!clock.now) return;
    const ms = Date.parse(clock.now.replace(/(\.\d{3})\d+/, '$1')) + (Date.now() - clock.fetchedAt);
    clockNow.textContent = `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  };
  const ticker = setInterval(showClock, 1000);
  const setClock = (now) => {
    clock = { now, fetchedAt: Date.now() };
    showClock();
  };

  async function loadClock() {
    setClock((await api.get('clock')).now);
  }

  // What an advance did, or why it did not happen, is said under the clock's own buttons.
  const refuse = (text) => result.replaceChildren(h('p', { class: 'error', role: 'alert', text }));

  async function advance(seconds) {
    try {
      const { now, fired } = await api.post('clock/advance', { seconds });
      setClock(now);
      result.replaceChildren(
        h('p', { text: `Advanced ${human(seconds)}: ${fired.length === 0 ? 'no job fell due.' : `${fired.length} job${fired.length === 1 ? '' : 's'} fired:`}` }),
        fired.length === 0 ? '' : h('ul', {}, fired.map((j) => h('li', { class: 'mono', text: `${j.kind}${j.profile_id ? ` · profile ${j.profile_id}` : ''} · due ${shortTime(j.due_at)}` }))),
      );
      changed();
    } catch (e) {
      // A refused advance names its reason (the end of year 9999, say), not only "validation failed".
      refuse(`The clock did not move: ${e.problem?.errors?.seconds?.[0] ?? e.message}`);
    }
  }

  function advanceCustom() {
    const raw = byId('advance-amount').value;
    const unit = byId('advance-unit').value;
    const problem = advanceProblem(raw, unit);
    if (problem) return refuse(problem);
    return advance(Number(raw) * UNITS[unit]);
  }

  async function loadScenarios() {
    const [{ scenarios }, { active }] = await Promise.all([api.get('scenarios'), api.get('scenarios/active')]);
    descriptions = new Map(scenarios.map((s) => [s.name, s.description]));
    scenario.replaceChildren(h('option', { value: '', text: '(none)' }), ...scenarios.map((s) => h('option', { value: s.name, text: s.name })));
    scenario.value = active?.name ?? '';
    scenarioInfo.textContent = active ? descriptions.get(active.name) ?? '' : 'Requests are answered normally.';
  }

  async function chooseScenario() {
    const name = scenario.value;
    try {
      if (name) await api.put('scenarios/active', { name });
      else await api.delete('scenarios/active');
      scenarioInfo.textContent = name ? descriptions.get(name) ?? '' : 'Requests are answered normally.';
      say(name ? `Scenario ${name} is in force for every request of this tenant.` : 'No scenario in force.');
    } catch (e) {
      say(e.message, true);
      await loadScenarios();
    }
  }

  async function exportTenant() {
    try {
      const snapshot = await api.get('export');
      const url = URL.createObjectURL(new Blob([JSON.stringify(snapshot, null, 2)], { type: 'application/json' }));
      const a = h('a', { href: url, download: `sent-sim-tenant-${snapshot.exported_at.slice(0, 19).replace(/[:T]/g, '-')}.json` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      say('Exported the tenant (no keys or secrets in it).');
    } catch (e) {
      say(e.message, true);
    }
  }

  async function importTenant(file) {
    try {
      const view = await api.post('import', await file.text());
      say(`Imported ${file.name}: ${Object.entries(view.totals ?? {}).map(([k, v]) => `${v} ${k}`).join(', ')}.`);
      await Promise.all([loadClock(), loadScenarios()]);
      changed();
    } catch (e) {
      say(`Import refused: ${e.message}${e.problem?.errors ? ` ${JSON.stringify(e.problem.errors).slice(0, 300)}` : ''}`, true);
    }
  }

  // Reset takes a second click within five seconds: it empties the tenant.
  async function reset() {
    if (!confirmTimer) {
      resetButton.textContent = 'Click again to reset';
      confirmTimer = setTimeout(() => {
        confirmTimer = null;
        resetButton.textContent = 'Reset tenant';
      }, 5000);
      return;
    }
    clearTimeout(confirmTimer);
    confirmTimer = null;
    resetButton.textContent = 'Reset tenant';
    try {
      await api.post('reset');
      result.replaceChildren();
      await Promise.all([loadClock(), loadScenarios()]);
      say('The tenant is back to a fresh start (keys and signing secret kept).');
      changed();
    } catch (e) {
      say(e.message, true);
    }
  }

  const listeners = [];
  const on = (el, type, fn) => {
    el.addEventListener(type, fn);
    listeners.push(() => el.removeEventListener(type, fn));
  };
  for (const button of document.querySelectorAll('[data-advance]')) on(button, 'click', () => advance(Number(button.dataset.advance)));
  on(byId('advance-custom'), 'click', advanceCustom);
  on(scenario, 'change', chooseScenario);
  on(byId('export'), 'click', exportTenant);
  on(byId('import-file'), 'change', (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) importTenant(file);
  });
  on(resetButton, 'click', reset);

  return {
    load: () => Promise.all([loadClock(), loadScenarios()]),
    setClock,
    /** Signing out: stops the ticker and unbinds the buttons. */
    stop() {
      clearInterval(ticker);
      for (const off of listeners) off();
    },
  };
}
