// pins-mock dashboard: reads the admin API (relative URLs below /__admin/) once a second.
// Everything shown comes from requests a client sent, so nothing is ever parsed as HTML: nodes
// are built with createElement and filled with textContent (Node.append of a string is text).
'use strict';
(() => {
  const POLL_MS = 1000;
  const PAGE_ROWS = 200; // journal rows in the DOM at once; "Show more" adds as many again
  const SLOW_MS = 10000; // accounts and sessions change rarely

  const $ = (id) => document.getElementById(id);

  const state = {
    session: '', // '' = the default world; otherwise every admin call carries ?session=ID
    entries: new Map(), // request id -> journal entry, ascending ids
    rows: new Map(), // request id -> <tr>, built once per entry
    lastId: 0,
    statuses: new Set(),
    operations: [],
    limit: PAGE_ROWS,
    shown: [], // ids now in the table body, in order
    selected: null,
    journalChanged: true,
    rendered: {}, // panel -> JSON text last rendered (unchanged answers are not re-rendered)
    lastSlow: 0,
    busy: false,
    again: false, // a tick was asked for while one was running
    generation: 0, // bumped by a session switch: answers of an older tick are dropped
    timer: null,
    ticks: 0,
    resetArmed: null,
  };

  // --- DOM helpers: text only -------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null) continue;
        if (key === 'class') node.className = value;
        else if (key === 'title') node.title = value;
        else if (key === 'data') Object.assign(node.dataset, value);
        else node.setAttribute(key, value); // fixed attribute names only, never on* or href
      }
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function copyButton(text, label) {
    return el('button', { type: 'button', class: 'copy', data: { copy: text }, title: 'Copy ' + label }, 'copy');
  }

  function changed(panel, value) {
    const text = JSON.stringify(value);
    if (state.rendered[panel] === text) return false;
    state.rendered[panel] = text;
    return true;
  }

  // --- the admin API ----------------------------------------------------------------------

  function url(path, params) {
    const query = new URLSearchParams();
    if (state.session) query.set('session', state.session);
    for (const [key, value] of Object.entries(params || {})) query.set(key, String(value));
    const text = query.toString();
    return text ? path + '?' + text : path;
  }

  async function call(method, path, params) {
    const response = await fetch(url(path, params), { method, cache: 'no-store' });
    if (!response.ok) {
      const error = new Error(method + ' ' + path + ': ' + response.status);
      error.status = response.status;
      throw error;
    }
    return response.status === 204 ? null : response.json();
  }
  const get = (path, params) => call('GET', path, params);

  // --- formatting -------------------------------------------------------------------------

  function clockTime(iso) {
    const t = String(iso || '').indexOf('T');
    return t < 0 ? String(iso || '') : String(iso).slice(t + 1).replace('Z', '');
  }

  function duration(us) {
    if (typeof us !== 'number') return '';
    if (us < 1000) return us + ' µs';
    if (us < 1000000) return (us / 1000).toFixed(1) + ' ms';
    return (us / 1000000).toFixed(2) + ' s';
  }

  function target(entry) {
    const query = (entry.query || []).map(([k, v]) => k + '=' + v).join('&');
    return entry.path + (query ? '?' + query : '');
  }

  function shaped(s) {
    if (!s) return '';
    const parts = [s.source + (s.source === 'rule' ? ' #' + s.rule : '')];
    if (s.forced_status) parts.push(String(s.forced_status));
    if (s.fault) parts.push(s.fault);
    if (s.delay_ms) parts.push(s.delay_ms + ' ms');
    if (s.detail) parts.push('(' + s.detail + ')');
    return parts.join(' ');
  }

  function statusText(status) {
    return status === 0 ? 'dropped' : String(status);
  }

  function statusClass(status) {
    return 'status s' + String(status).charAt(0);
  }

  function violationLine(v) {
    return el('li', { data: { request: v.request_id } },
      el('span', { class: 'where' }, '#' + v.request_id + ' ' + (v.operation || '(no operation)') + ' · ' + v.location),
      ' ', v.rule,
      v.value ? el('span', null, ' — got ', el('code', null, v.value)) : null,
      v.expected ? el('span', { class: 'expected' }, ' — expected ' + v.expected) : null);
  }

  // --- journal ----------------------------------------------------------------------------

  function applyJournal(body) {
    const first = body.first_id;
    if (first === null) {
      if (state.entries.size) {
        state.entries.clear();
        state.rows.clear();
        state.journalChanged = true;
      }
    } else if (typeof first === 'number') {
      // Evicted from the ring buffer (or cleared): the Map holds ascending ids, oldest first.
      for (const id of state.entries.keys()) {
        if (id >= first) break;
        state.entries.delete(id);
        state.rows.delete(id);
        state.journalChanged = true;
      }
    }
    if (state.selected !== null && !state.entries.has(state.selected) && !$('detail-body').hidden)
      $('detail-title').textContent = 'Request #' + state.selected + ' (no longer in the journal)';
    for (const entry of body.requests || []) {
      if (entry.id > state.lastId) state.lastId = entry.id;
      if (state.entries.has(entry.id) || (typeof first === 'number' && entry.id < first)) continue;
      state.entries.set(entry.id, entry);
      state.statuses.add(entry.status);
      state.journalChanged = true;
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
    if (select.options.length - 1 === state.statuses.size) return;
    const keep = select.value;
    const sorted = Array.from(state.statuses).sort((a, b) => a - b);
    select.replaceChildren(el('option', { value: '' }, 'all'),
      ...sorted.map((s) => el('option', { value: String(s) }, statusText(s))));
    select.value = keep;
    if (select.selectedIndex < 0) select.value = '';
  }

  function renderJournal() {
    const started = performance.now();
    renderStatusOptions();
    const filter = {
      operation: $('filter-operation').value,
      status: $('filter-status').value,
      violations: $('filter-violations').checked,
    };
    const all = Array.from(state.entries.values());
    const ids = [];
    let matching = 0;
    for (let i = all.length - 1; i >= 0; i--) {
      if (!matches(all[i], filter)) continue;
      matching++;
      if (ids.length < state.limit) ids.push(all[i].id);
    }
    const same = ids.length === state.shown.length && ids.every((id, i) => id === state.shown[i]);
    if (!same) {
      const rows = ids.map((id) => {
        let row = state.rows.get(id);
        if (!row) {
          row = buildRow(state.entries.get(id));
          state.rows.set(id, row);
        }
        row.setAttribute('aria-selected', String(id === state.selected));
        return row;
      });
      $('journal-rows').replaceChildren(...rows);
      state.shown = ids;
    }
    const filtered = matching !== all.length;
    $('journal-count').textContent = filtered ? matching + ' of ' + all.length : String(all.length);
    $('journal-empty').hidden = all.length > 0;
    $('journal-more').hidden = matching <= ids.length;
    $('journal-more-text').textContent = 'Showing the newest ' + ids.length + ' of ' + matching + '.';
    state.journalChanged = false;
    document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
  }

  function select(id) {
    const entry = state.entries.get(id);
    if (!entry) return;
    const previous = state.rows.get(state.selected);
    if (previous) previous.setAttribute('aria-selected', 'false');
    state.selected = id;
    const row = state.rows.get(id);
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

  // --- the other panels -------------------------------------------------------------------

  function renderViolations(body) {
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
    if (ids.join() === state.operations.join()) return;
    state.operations = ids;
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

  function renderCoverage(body) {
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

  function renderFaults(body) {
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

  function renderRateLimits(body) {
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

  function renderClock(body) {
    $('clock').textContent = body.now + ' (' + body.mode + ')';
  }

  function renderAccounts(body) {
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
    if (list === null) return;
    const ids = list.map((s) => String(typeof s === 'object' && s ? s.id : s));
    if (!changed('sessions', ids)) return;
    const select = $('filter-session');
    select.replaceChildren(el('option', { value: '' }, 'default'), ...ids.map((id) => el('option', { value: id }, id)));
    select.value = ids.includes(state.session) ? state.session : '';
  }

  // --- the poll loop ----------------------------------------------------------------------

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
        get('requests', { since: state.lastId }),
        get('faults'),
        get('rate-limits'),
        get('clock'),
        slow ? get('accounts') : null,
        slow ? refreshSessions() : null,
      ]);
      if (generation !== state.generation) return;
      applyJournal(journal);
      // Coverage and violations change only with the journal (or on the first tick).
      if (state.journalChanged || !state.rendered.coverage) {
        const [coverage, violations] = await Promise.all([get('coverage'), get('violations')]);
        if (generation !== state.generation) return;
        renderCoverage(coverage);
        renderViolations(violations);
      }
      if (state.journalChanged) renderJournal();
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

  function restart() {
    state.generation++;
    state.entries.clear();
    state.rows.clear();
    state.shown = [];
    state.lastId = 0;
    state.selected = null;
    state.statuses.clear();
    state.rendered = {};
    state.lastSlow = 0;
    state.journalChanged = true;
    $('detail-body').hidden = true;
    $('detail-hint').hidden = false;
    now();
  }

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
    for (const id of ['filter-operation', 'filter-status', 'filter-violations']) {
      $(id).addEventListener('change', () => {
        state.limit = PAGE_ROWS;
        renderJournal();
      });
    }
    $('filter-session').addEventListener('change', (event) => {
      state.session = event.target.value;
      restart();
    });
    $('show-more').addEventListener('click', () => {
      state.limit += PAGE_ROWS;
      renderJournal();
    });
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
    // Two clicks: a stray one does not wipe a test run's state.
    const reset = $('reset');
    reset.addEventListener('click', async () => {
      if (!state.resetArmed) {
        reset.textContent = 'Confirm reset';
        state.resetArmed = setTimeout(() => {
          state.resetArmed = null;
          reset.textContent = 'Reset';
        }, 4000);
        return;
      }
      clearTimeout(state.resetArmed);
      state.resetArmed = null;
      reset.textContent = 'Reset';
      try {
        await call('POST', 'reset');
        state.lastSlow = 0;
        setConnection(true, 'reset done');
      } catch (error) {
        setConnection(false, 'reset failed (' + error.message + ')');
      }
      now();
    });
    $('live').addEventListener('change', schedule);
    document.addEventListener('visibilitychange', () => (document.hidden ? schedule() : now()));
  }

  wire();
  now();
})();
