// The request journal: entries kept by id (fetched with ?since=), one <tr> built per entry and
// reused, at most `limit` rows in the table; the detail of the selected one.
import {
  $, PAGE_ROWS, clockTime, duration, el, shaped, statusClass, statusText, target, violationLine,
} from './dom.js';

const journal = {
  entries: new Map(), // request id -> journal entry, ascending ids
  rows: new Map(), // request id -> <tr>
  lastId: 0,
  statuses: new Set(),
  limit: PAGE_ROWS,
  shown: [], // ids now in the table body, in order
  selected: null,
  changed: true,
};

export const sinceId = () => journal.lastId;
export const journalChanged = () => journal.changed;

export function applyJournal(body) {
  const first = body.first_id;
  if (first === null) {
    if (journal.entries.size) {
      journal.entries.clear();
      journal.rows.clear();
      journal.changed = true;
    }
  } else if (typeof first === 'number') {
    // Evicted from the ring buffer (or cleared): the Map holds ascending ids, oldest first.
    for (const id of journal.entries.keys()) {
      if (id >= first) break;
      journal.entries.delete(id);
      journal.rows.delete(id);
      journal.changed = true;
    }
  }
  if (journal.selected !== null && !journal.entries.has(journal.selected) && !$('detail-body').hidden)
    $('detail-title').textContent = 'Request #' + journal.selected + ' (no longer in the journal)';
  for (const entry of body.requests || []) {
    if (entry.id > journal.lastId) journal.lastId = entry.id;
    if (journal.entries.has(entry.id) || (typeof first === 'number' && entry.id < first)) continue;
    journal.entries.set(entry.id, entry);
    journal.statuses.add(entry.status);
    journal.changed = true;
  }
}

function buildRow(entry) {
  const count = (entry.violations || []).length;
  return el('tr', { tabindex: '0', data: { id: entry.id } },
    el('td', { class: 'num' }, String(entry.id)),
    el('td', { class: 'mono', title: entry.time }, clockTime(entry.time)),
    el('td', { class: 'method' }, entry.method),
    el('td', { class: 'path', title: target(entry) }, target(entry)),
    el('td', null, entry.operation || '—'),
    el('td', { class: statusClass(entry.status) }, statusText(entry.status)),
    el('td', { class: 'num' }, duration(entry.duration_us)),
    el('td', { class: 'num' }, count ? el('span', { class: 'badge' }, String(count)) : ''),
    el('td', { class: 'shaped', title: shaped(entry.shaped_by) }, shaped(entry.shaped_by)));
}

function matches(entry, filter) {
  if (filter.operation === '-' ? entry.operation !== '' : filter.operation && entry.operation !== filter.operation)
    return false;
  if (filter.status !== '' && String(entry.status) !== filter.status) return false;
  if (filter.violations && !(entry.violations || []).length) return false;
  return true;
}

function renderStatusOptions() {
  const select = $('filter-status');
  if (select.options.length - 1 === journal.statuses.size) return;
  const keep = select.value;
  const sorted = Array.from(journal.statuses).sort((a, b) => a - b);
  select.replaceChildren(el('option', { value: '' }, 'all'),
    ...sorted.map((s) => el('option', { value: String(s) }, statusText(s))));
  select.value = keep;
  if (select.selectedIndex < 0) select.value = '';
}

export function renderJournal() {
  const started = performance.now();
  renderStatusOptions();
  const filter = {
    operation: $('filter-operation').value,
    status: $('filter-status').value,
    violations: $('filter-violations').checked,
  };
  const all = Array.from(journal.entries.values());
  const ids = [];
  let matching = 0;
  for (let i = all.length - 1; i >= 0; i--) {
    if (!matches(all[i], filter)) continue;
    matching++;
    if (ids.length < journal.limit) ids.push(all[i].id);
  }
  const same = ids.length === journal.shown.length && ids.every((id, i) => id === journal.shown[i]);
  if (!same) {
    const rows = ids.map((id) => {
      let row = journal.rows.get(id);
      if (!row) {
        row = buildRow(journal.entries.get(id));
        journal.rows.set(id, row);
      }
      row.setAttribute('aria-selected', String(id === journal.selected));
      return row;
    });
    $('journal-rows').replaceChildren(...rows);
    journal.shown = ids;
  }
  const filtered = matching !== all.length;
  $('journal-count').textContent = filtered ? matching + ' of ' + all.length : String(all.length);
  $('journal-empty').hidden = all.length > 0;
  $('journal-more').hidden = matching <= ids.length;
  $('journal-more-text').textContent = 'Showing the newest ' + ids.length + ' of ' + matching + '.';
  journal.changed = false;
  document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
}

export function select(id) {
  const entry = journal.entries.get(id);
  if (!entry) return;
  const previous = journal.rows.get(journal.selected);
  if (previous) previous.setAttribute('aria-selected', 'false');
  journal.selected = id;
  const row = journal.rows.get(id);
  if (row) row.setAttribute('aria-selected', 'true');
  renderDetail(entry);
}

function renderDetail(entry) {
  $('detail-hint').hidden = true;
  $('detail-body').hidden = false;
  $('detail-title').textContent = 'Request #' + entry.id;
  $('detail-method').textContent = entry.method;
  $('detail-path').textContent = target(entry);
  const facts = [
    ['time', entry.time],
    ['operation', entry.operation || '(none: no route matched)'],
    ['status', statusText(entry.status) + (entry.error ? ' · ' + entry.error : '')],
    ['duration', duration(entry.duration_us)],
  ];
  if (entry.body_truncated || entry.headers_truncated || entry.query_truncated)
    facts.push(['truncated', ['body', 'headers', 'query'].filter((k) => entry[k + '_truncated']).join(', ')]);
  $('detail-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v)]));
  const pairs = (list) => (list || []).map(([k, v]) => el('tr', null, el('td', null, k), el('td', null, v)));
  const query = pairs(entry.query);
  $('detail-query').replaceChildren(...(query.length ? query : [el('tr', null, el('td', null, '(none)'))]));
  $('detail-headers').replaceChildren(...pairs(entry.headers));
  let body = entry.body || '';
  try {
    if (body) body = JSON.stringify(JSON.parse(body), null, 2);
  } catch (e) {
    // not JSON: shown as sent
  }
  $('detail-request-body').textContent = body ? body + (entry.body_truncated ? '\n… (truncated)' : '') : '(empty)';
  const violations = (entry.violations || []).map(violationLine);
  $('detail-violations').replaceChildren(...(violations.length ? violations : [el('li', { class: 'muted' }, 'none')]));
  $('detail-shaped').textContent = entry.shaped_by ? JSON.stringify(entry.shaped_by, null, 2) : 'natural answer';
}

// Every violation of the entries held, oldest first: what GET /__admin/violations answers, without
// fetching it again (the entries carry them).
export function violationsHeld() {
  const out = [];
  for (const entry of journal.entries.values()) out.push(...(entry.violations || []));
  return out;
}

export function showMore() {
  journal.limit += PAGE_ROWS;
  renderJournal();
}

export function refilter() {
  journal.limit = PAGE_ROWS;
  renderJournal();
}

// Another session: nothing of the old one stays.
export function forgetJournal() {
  journal.entries.clear();
  journal.rows.clear();
  journal.statuses.clear();
  journal.shown = [];
  journal.lastId = 0;
  journal.selected = null;
  journal.limit = PAGE_ROWS;
  journal.changed = true;
  $('detail-body').hidden = true;
  $('detail-hint').hidden = false;
  $('detail-title').textContent = 'Request';
}
