// The panels beside the journal: coverage grid, violations, fault rules, rate limits, clock,
// accounts, sessions. Each re-renders only when its answer changed.
import { $, PAGE_ROWS, copyButton, el, violationLine } from './dom.js';

const rendered = {}; // panel -> JSON text last rendered
let operations = [];

function changed(panel, value) {
  const text = JSON.stringify(value);
  if (rendered[panel] === text) return false;
  rendered[panel] = text;
  return true;
}

export function forgetPanels() {
  for (const key of Object.keys(rendered)) delete rendered[key];
}

export const hasCoverage = () => 'coverage' in rendered;

export function renderViolations(body) {
  const list = body.violations || [];
  if (!changed('violations', [list.length, list.length ? list[list.length - 1] : null])) return;
  const newest = list.slice(-PAGE_ROWS).reverse();
  const items = newest.map(violationLine);
  if (list.length > newest.length) items.push(el('li', { class: 'muted' }, '… and ' + (list.length - newest.length) + ' older'));
  if (!items.length) items.push(el('li', { class: 'muted' }, 'No violations.'));
  $('violations').replaceChildren(...items);
  $('violations-count').textContent = String(list.length);
}

function renderOperations(body) {
  const ids = (body.operations || []).map((op) => op.operation);
  if (ids.join() === operations.join()) return;
  operations = ids;
  const select = $('filter-operation');
  const keep = select.value;
  select.replaceChildren(el('option', { value: '' }, 'all'),
    ...ids.map((id) => el('option', { value: id }, id)),
    el('option', { value: '-' }, '(no operation)'));
  select.value = keep;
  if (select.selectedIndex < 0) select.value = '';
}

function counts(map) {
  return Object.entries(map || {}).map(([k, n]) => k + ' ×' + n).join(', ');
}

export function renderCoverage(body) {
  renderOperations(body);
  if (!changed('coverage', body)) return;
  let declared = 0;
  let seen = 0;
  const cells = (body.operations || []).map((op) => {
    const hits = (s) => ((op.statuses || {})[s] || 0) + ((op.forced_statuses || {})[s] || 0);
    const chips = (op.declared_statuses || []).map((s) => {
      const n = hits(s);
      declared++;
      if (n) seen++;
      const kind = n ? 'chip hit ' + (s < 400 ? 'ok' : 'err') : 'chip miss';
      return el('span', { class: kind, data: { status: s }, title: n ? n + ' answer(s)' : 'declared by the contract, not answered yet' },
        n ? s + ' ×' + n : String(s));
    });
    const known = new Set((op.declared_statuses || []).map(String));
    const extra = new Set([...Object.keys(op.statuses || {}), ...Object.keys(op.forced_statuses || {})]);
    for (const s of extra) {
      if (!known.has(s)) chips.push(el('span', { class: 'chip extra', data: { status: s }, title: 'not declared by the contract' }, s + ' ×' + hits(s)));
    }
    const notes = [];
    if (Object.keys(op.errors || {}).length) notes.push('errors: ' + counts(op.errors));
    if (Object.keys(op.forced_statuses || {}).length) notes.push('forced: ' + counts(op.forced_statuses));
    if (Object.keys(op.faults || {}).length) notes.push('faults: ' + counts(op.faults));
    return el('div', { class: 'op' + (op.exercised ? '' : ' unexercised'), data: { operation: op.operation, exercised: op.exercised } },
      el('h3', null, op.operation),
      el('div', { class: 'calls' }, op.exercised ? op.calls + ' call' + (op.calls === 1 ? '' : 's') : 'not exercised'),
      el('div', { class: 'chips' }, ...chips),
      notes.length ? el('div', { class: 'errors' }, notes.join(' · ')) : null);
  });
  $('coverage-grid').replaceChildren(...cells);
  $('coverage-count').textContent = body.exercised + ' / ' + body.total + ' operations · ' + seen + ' / ' + declared + ' declared statuses';
}

function ruleDoes(rule) {
  const parts = [];
  if (rule.status) parts.push(String(rule.status) + (rule.code !== undefined ? ' code ' + rule.code : ''));
  if (rule.fault) parts.push(rule.fault);
  if (rule.delay_ms !== undefined) parts.push('delay ' + JSON.stringify(rule.delay_ms));
  if (rule.delay !== undefined) parts.push('delay ' + JSON.stringify(rule.delay));
  if (rule.probability !== undefined && rule.probability !== 1) parts.push('p=' + rule.probability);
  if (rule.after) parts.push('after ' + rule.after);
  return parts.join(' · ');
}

export function renderFaults(body) {
  if (!changed('faults', body)) return;
  const rules = body.faults || [];
  const rows = rules.map((rule) => {
    const conditions = [rule.method, rule.path_regex && '/' + rule.path_regex + '/', rule.token && 'token',
      rule.query && JSON.stringify(rule.query)].filter(Boolean).join(' ');
    return el('tr', { data: { rule: rule.id } },
      el('td', { class: 'num' }, String(rule.id)),
      el('td', { class: 'wrap' }, el('span', { class: 'name' }, rule.name || ''), rule.name ? ' · ' : '',
        el('code', null, rule.operation + (conditions ? ' ' + conditions : ''))),
      el('td', { class: 'wrap' }, ruleDoes(rule) + ' · ' + rule.when),
      el('td', { class: 'num', title: 'fired / matched' }, el('span', { class: 'fired' }, String(rule.fired)), ' / ' + rule.matched),
      el('td', { class: 'num' }, rule.remaining === null || rule.remaining === undefined ? '∞' : String(rule.remaining)),
      el('td', null, el('button', { type: 'button', class: 'copy', data: { deleteRule: rule.id }, title: 'DELETE /__admin/faults/' + rule.id }, 'remove')));
  });
  $('faults').replaceChildren(...(rows.length ? rows : [el('tr', null, el('td', { colspan: '6', class: 'muted' }, 'No fault rules.'))]));
  $('faults-count').textContent = String(rules.length);
}

export function renderRateLimits(body) {
  if (!changed('rates', body)) return;
  if (!body.enabled) {
    $('rate-summary').textContent = 'Off (pins-mock --rate-limits standard|trial|FILE turns them on).';
  } else {
    const quotas = Object.entries(body.categories || {}).map(([name, w]) => name + ' ' + w.limit + ' / ' + w.window_seconds + ' s');
    if (body.same_object_writes) quotas.push('same-object writes ' + body.same_object_writes.limit + ' / ' + body.same_object_writes.window_seconds + ' s');
    $('rate-summary').textContent = 'Per token: ' + quotas.join(' · ');
  }
  const rows = (body.windows || []).map((w) => el('tr', null,
    el('td', { class: 'mono' }, w.token), el('td', null, w.category),
    el('td', { class: 'num' + (w.remaining === 0 ? ' status s4' : '') }, String(w.remaining)),
    el('td', { class: 'num' }, String(w.limit)), el('td', { class: 'num' }, w.reset_seconds + ' s')));
  $('rate-windows').replaceChildren(...rows);
}

export function renderClock(body) {
  $('clock').textContent = body.now + ' (' + body.mode + ')';
}

export function renderAccounts(body) {
  if (!changed('accounts', body)) return;
  const blocks = (body.accounts || []).map((account) => {
    const tokens = (account.tokens || []).map((t) => el('div', { class: 'kv' },
      el('code', { class: 'token' }, t.token), copyButton(t.token, 'token'),
      el('span', { class: 'scopes' }, (t.scopes || []).join(', '))));
    const boards = (account.boards || []).map((b) => el('div', { class: 'kv' },
      el('span', null, b.name), el('span', { class: 'scopes' }, b.privacy), el('code', null, b.id), copyButton(b.id, 'board id'),
      ...(b.sections || []).flatMap((s) => [el('span', { class: 'scopes' }, '› ' + s.name), el('code', null, s.id), copyButton(s.id, 'section id')])));
    const roles = (account.business_access || []).map((r) => r.ad_account_id + ' ' + r.role);
    return el('div', { class: 'account', data: { username: account.username } },
      el('h3', null, account.username + ' ', el('span', { class: 'scopes' }, 'user ' + account.user_id)),
      ...tokens,
      (account.ad_accounts || []).length ? el('div', { class: 'kv scopes' }, 'ad accounts: ' + account.ad_accounts.join(', ') + (roles.length ? ' · roles: ' + roles.join(', ') : '')) : null,
      ...boards);
  });
  $('accounts').replaceChildren(...blocks);
}

export function renderSessions(ids, current) {
  if (!changed('sessions', ids)) return;
  const select = $('filter-session');
  select.replaceChildren(el('option', { value: '' }, 'default'), ...ids.map((id) => el('option', { value: id }, id)));
  select.value = ids.includes(current) ? current : '';
}
