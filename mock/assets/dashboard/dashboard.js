// pins-mock dashboard: reads the admin API (relative URLs below /__admin/) once a second.
// Modules: dom.js (text-only node building, formats), journal.js (the request table and its
// detail), panels.js (coverage, violations, faults, rate limits, clock, accounts, sessions).
import { $, el } from './dom.js';
import {
  applyJournal, forgetJournal, journalChanged, refilter, renderJournal, select, showMore, sinceId,
  violationsHeld,
} from './journal.js';
import {
  forgetPanels, hasCoverage, renderAccounts, renderClock, renderCoverage, renderFaults,
  renderRateLimits, renderSessions, renderViolations,
} from './panels.js';

const POLL_MS = 1000;
const SLOW_MS = 10000; // accounts and sessions change rarely

const state = {
  session: '', // '' = the default world; otherwise every admin call carries ?session=ID
  lastSlow: 0,
  busy: false,
  again: false, // a tick was asked for while one was running
  generation: 0, // bumped by a session switch: answers of an older tick are dropped
  timer: null,
  ticks: 0,
  resetArmed: null,
};

// --- the admin API ------------------------------------------------------------------------

function url(path, params) {
  const query = new URLSearchParams();
  if (state.session) query.set('session', state.session);
  for (const [key, value] of Object.entries(params || {})) query.set(key, String(value));
  const text = query.toString();
  return text ? path + '?' + text : path;
}

async function call(method, path, params) {
  const response = await fetch(url(path, params), { method, cache: 'no-store' });
  if (!response.ok) throw new Error(method + ' ' + path + ': ' + response.status);
  return response.status === 204 ? null : response.json();
}
const get = (path, params) => call('GET', path, params);

// Sessions (issue 12) do not exist on every pins-mock: the filter appears only when
// GET /__admin/sessions answers a list, and then every admin call carries ?session=ID.
async function refreshSessions() {
  let list = null;
  try {
    const response = await fetch('sessions', { cache: 'no-store' });
    if (response.ok) {
      const body = await response.json();
      if (Array.isArray(body.sessions)) list = body.sessions;
    }
  } catch (e) {
    list = null;
  }
  $('filter-session-label').hidden = list === null;
  if (list !== null) renderSessions(list.map((s) => String(typeof s === 'object' && s ? s.id : s)), state.session);
}

// --- the poll loop ------------------------------------------------------------------------

function setConnection(ok, text) {
  const node = $('connection');
  node.textContent = text;
  node.classList.toggle('down', !ok);
}

async function tick() {
  if (state.busy) {
    state.again = true;
    return;
  }
  state.busy = true;
  const generation = state.generation;
  try {
    const slow = Date.now() - state.lastSlow >= SLOW_MS;
    const [journal, faults, rates, clock, accounts] = await Promise.all([
      get('requests', { since: sinceId() }),
      get('faults'),
      get('rate-limits'),
      get('clock'),
      slow ? get('accounts') : null,
      slow ? refreshSessions() : null,
    ]);
    if (generation !== state.generation) return;
    applyJournal(journal);
    // Coverage and violations change only with the journal (or on the first tick).
    if (journalChanged() || !hasCoverage()) {
      const coverage = await get('coverage');
      if (generation !== state.generation) return;
      renderCoverage(coverage);
      renderViolations({ violations: violationsHeld() });
    }
    if (journalChanged()) renderJournal();
    renderFaults(faults);
    renderRateLimits(rates);
    renderClock(clock);
    if (accounts) {
      renderAccounts(accounts);
      state.lastSlow = Date.now();
    }
    setConnection(true, 'live · ' + new Date().toLocaleTimeString());
  } catch (error) {
    setConnection(false, 'cannot reach pins-mock (' + error.message + ')');
  } finally {
    state.busy = false;
    state.ticks++;
    document.body.dataset.ticks = String(state.ticks);
    if (state.again) {
      state.again = false;
      setTimeout(now, 0);
    }
  }
}

function schedule() {
  clearTimeout(state.timer);
  if (!$('live').checked || document.hidden) return;
  state.timer = setTimeout(async () => {
    await tick();
    schedule();
  }, POLL_MS);
}

async function now() {
  await tick();
  schedule();
}

function switchSession(session) {
  state.session = session;
  state.generation++;
  state.lastSlow = 0;
  forgetJournal();
  forgetPanels();
  now();
}

// --- controls -----------------------------------------------------------------------------

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    // Not a secure context or no permission: the old way.
    const area = el('textarea', { readonly: '' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  button.textContent = 'copied';
  setTimeout(() => { button.textContent = 'copy'; }, 1200);
}

// Two clicks: a stray one does not wipe a test run's state.
async function resetClicked() {
  const button = $('reset');
  if (!state.resetArmed) {
    button.textContent = 'Confirm reset';
    state.resetArmed = setTimeout(() => {
      state.resetArmed = null;
      button.textContent = 'Reset';
    }, 4000);
    return;
  }
  clearTimeout(state.resetArmed);
  state.resetArmed = null;
  button.textContent = 'Reset';
  try {
    await call('POST', 'reset');
    state.lastSlow = 0;
    setConnection(true, 'reset done');
  } catch (error) {
    setConnection(false, 'reset failed (' + error.message + ')');
  }
  now();
}

function wire() {
  const rows = $('journal-rows');
  rows.addEventListener('click', (event) => {
    const row = event.target.closest('tr');
    if (row) select(Number(row.dataset.id));
  });
  rows.addEventListener('keydown', (event) => {
    const row = event.target.closest('tr');
    if (!row) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(Number(row.dataset.id));
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      if (next) {
        next.focus();
        select(Number(next.dataset.id));
      }
    }
  });
  for (const id of ['filter-operation', 'filter-status', 'filter-violations'])
    $(id).addEventListener('change', refilter);
  $('filter-session').addEventListener('change', (event) => switchSession(event.target.value));
  $('show-more').addEventListener('click', showMore);
  for (const list of [$('violations'), $('detail-violations')]) {
    list.addEventListener('click', (event) => {
      const item = event.target.closest('li[data-request]');
      if (item) select(Number(item.dataset.request));
    });
  }
  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-copy]');
    if (button) copy(button.dataset.copy, button);
  });
  $('faults').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-delete-rule]');
    if (!button) return;
    await call('DELETE', 'faults/' + encodeURIComponent(button.dataset.deleteRule)).catch(() => {});
    now();
  });
  $('reset').addEventListener('click', resetClicked);
  $('live').addEventListener('change', schedule);
  document.addEventListener('visibilitychange', () => (document.hidden ? schedule() : now()));
}

wire();
now();
