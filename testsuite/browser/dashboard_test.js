// The dashboard in headless Chromium: after requests made here, the page must show what the
// admin API says (rows, filters, coverage grid, detail, violations, faults, rate limits,
// accounts), never run markup from a request body, leave the journal alone, follow new requests
// live, reset, and stay within one DOM page of rows at 1,000 journal entries.
// Run by run_browser_test.sh (PINSMOCK_URL, CHROMIUM, PINSMOCK_BROWSER_OUT, NODE_PATH).
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const base = process.env.PINSMOCK_URL;
const out = process.env.PINSMOCK_BROWSER_OUT;
const TOKEN = 'pina_mock_creator_full';
const BOARD = '1100000000000000001';
const PIN = '1300000000000000001';
const XSS_TITLE = '<img src=x onerror="window.__xss=1">';

let passed = 0;
async function step(name, fn) {
  const started = Date.now();
  await fn();
  passed++;
  console.log(`ok ${passed} - ${name} (${Date.now() - started} ms)`);
}

async function call(method, target, { token = TOKEN, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = 'Bearer ' + token;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(base + target, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text };
}
async function admin(target, method = 'GET', body) {
  const res = await fetch(base + '/__admin/' + target, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status === 204 ? null : res.json();
}
const createBody = (title) => ({ board_id: BOARD, title, media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' } });

// The page sets body[data-ticks] after each poll: wait for `n` more.
async function ticks(page, n = 2) {
  const now = Number(await page.$eval('body', (b) => b.dataset.ticks || '0'));
  await page.waitForFunction((t) => Number(document.body.dataset.ticks || '0') >= t, { timeout: 20000 }, now + n);
}
const shownIds = (page) => page.$$eval('#journal-rows tr', (rows) => rows.map((r) => Number(r.dataset.id)));
const newestFirst = (list) => list.map((r) => r.id).reverse();

async function main() {
  // --- traffic the page is to show -------------------------------------------------------
  assert.equal((await call('GET', '/v5/pins')).status, 200);
  const created = await call('POST', '/v5/pins', { body: createBody(XSS_TITLE) });
  assert.equal(created.status, 201);
  const pinId = JSON.parse(created.text).id;
  assert.equal((await call('POST', '/v5/pins', { body: { title: 42 } })).status, 400);
  assert.equal((await call('GET', '/v5/pins/1399999999999999999')).status, 404);
  assert.equal((await call('GET', '/v5/pins/' + PIN, { headers: { Prefer: 'code=503' } })).status, 503);
  assert.equal((await call('GET', '/v5/pins', { token: '' })).status, 401);
  assert.equal((await call('GET', '/v5/nothing')).status, 404);
  await admin('faults', 'POST', { operation: 'pins/delete', name: 'ambiguous delete', when: 'after', times: 1, status: 503 });
  await admin('faults', 'POST', { operation: 'pins/get', name: 'never yet', after: 1000, status: 500 });
  assert.equal((await call('DELETE', '/v5/pins/' + pinId)).status, 503);
  // org_write allows 5 an hour: the create and the delete used 2, so the sixth write is a 429.
  for (let i = 0; i < 3; i++) assert.equal((await call('POST', '/v5/pins', { body: createBody('more ' + i) })).status, 201);
  assert.equal((await call('POST', '/v5/pins', { body: createBody('one too many') })).status, 429);
  const journal = (await admin('requests')).requests;
  assert.equal(journal.length, 12);

  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  try {
    const context = browser.defaultBrowserContext();
    await context.overridePermissions(base, ['clipboard-read', 'clipboard-write']);
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('console', (m) => {
      // The sessions probe answers 404 on a pins-mock without sessions: expected, logged by Chromium.
      if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push('console: ' + m.text());
    });
    await page.setViewport({ width: 1400, height: 1000 });

    await step('the page loads, polls and shows one row per journal entry', async () => {
      const started = Date.now();
      await page.goto(base + '/__admin', { waitUntil: 'load' });
      assert.equal(page.url(), base + '/__admin/');
      await page.waitForFunction((n) => document.querySelectorAll('#journal-rows tr').length === n, {}, journal.length);
      console.log(`   first paint with ${journal.length} rows: ${Date.now() - started} ms`);
      assert.deepEqual(await shownIds(page), newestFirst(journal));
      const cells = await page.$$eval('#journal-rows tr', (rows) => rows.map((r) => Array.from(r.cells, (c) => c.textContent)));
      const byId = new Map(journal.map((r) => [r.id, r]));
      for (const [id, , method, target, operation, status, , violations, shapedBy] of cells) {
        const r = byId.get(Number(id));
        assert.equal(method, r.method);
        assert.ok(target.startsWith(r.path), target);
        assert.equal(operation, r.operation || '—');
        assert.equal(status, r.status === 0 ? 'dropped' : String(r.status));
        assert.equal(violations, r.violations.length ? String(r.violations.length) : '');
        assert.equal(shapedBy !== '', r.shaped_by !== null, `shaped_by of #${id}`);
        if (r.shaped_by) assert.ok(shapedBy.startsWith(r.shaped_by.source), shapedBy);
      }
      assert.equal(await page.$eval('#journal-count', (e) => e.textContent), String(journal.length));
    });

    await step('the filters show what the admin API filters', async () => {
      const check = async (query) => {
        const expected = (await admin('requests?' + query)).requests;
        assert.ok(expected.length > 0, query);
        assert.deepEqual(await shownIds(page), newestFirst(expected), query);
      };
      await page.select('#filter-operation', 'pins/create');
      await check('operation=pins/create');
      await page.select('#filter-status', '400');
      await check('operation=pins/create&status=400');
      await page.select('#filter-operation', '');
      await page.select('#filter-status', '404');
      await check('status=404');
      await page.select('#filter-status', '');
      await page.click('#filter-violations');
      await check('violations=true');
      assert.match(await page.$eval('#journal-count', (e) => e.textContent), /^\d+ of 12$/);
      await page.click('#filter-violations');
      assert.equal((await shownIds(page)).length, journal.length);
      // This pins-mock has sessions but none is open yet: the filter offers the default session only.
      assert.equal(await page.$eval('#filter-session-label', (e) => e.hidden), false);
      assert.deepEqual(await page.$$eval('#filter-session option', (l) => l.map((o) => o.value)), ['']);
    });

    await step('the coverage grid shows the eight operations, unexercised ones and unseen statuses marked', async () => {
      const coverage = await admin('coverage');
      const grid = await page.$$eval('#coverage-grid .op', (cells) => cells.map((c) => ({
        operation: c.dataset.operation,
        unexercised: c.classList.contains('unexercised'),
        chips: Object.fromEntries(Array.from(c.querySelectorAll('.chip'), (chip) => [chip.dataset.status, chip.className])),
      })));
      assert.equal(grid.length, 8);
      assert.deepEqual(grid.map((g) => g.operation), coverage.operations.map((o) => o.operation));
      for (const [i, op] of coverage.operations.entries()) {
        assert.equal(grid[i].unexercised, !op.exercised, op.operation);
        for (const s of op.declared_statuses) {
          const seen = (op.statuses[s] || 0) + (op.forced_statuses[s] || 0);
          assert.equal(/\bmiss\b/.test(grid[i].chips[s]), seen === 0, `${op.operation} ${s}: ${grid[i].chips[s]}`);
        }
      }
      assert.ok(grid.some((g) => g.unexercised) && grid.some((g) => !g.unexercised));
      assert.ok((await page.$eval('#coverage-count', (e) => e.textContent)).startsWith(coverage.exercised + ' / 8'));
    });

    await step('a row opens the detail with headers and body, and markup in a body stays text', async () => {
      const bad = journal.find((r) => r.status === 400);
      await page.click(`#journal-rows tr[data-id="${bad.id}"]`);
      assert.equal(await page.$eval('#detail-title', (e) => e.textContent), 'Request #' + bad.id);
      const headers = await page.$$eval('#detail-headers tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent]));
      assert.deepEqual(headers, bad.headers);
      assert.ok(headers.some(([k, v]) => k === 'Authorization' && v === 'Bearer [redacted]'));
      assert.match(await page.$eval('#detail-request-body', (e) => e.textContent), /"title": 42/);
      assert.equal(await page.$$eval('#detail-violations li', (l) => l.length), bad.violations.length);
      assert.equal(await page.$eval(`#journal-rows tr[data-id="${bad.id}"]`, (r) => r.getAttribute('aria-selected')), 'true');

      const xss = journal.find((r) => r.status === 201 && r.body.includes('onerror'));
      await page.click(`#journal-rows tr[data-id="${xss.id}"]`);
      // Pretty-printed JSON: the title's quotes come back escaped, its markup as text.
      assert.ok((await page.$eval('#detail-request-body', (e) => e.textContent)).includes('"title": "<img src=x onerror=\\"window.__xss=1\\">"'));
      assert.equal(await page.$$eval('img', (l) => l.length), 0);
      assert.equal(await page.evaluate(() => window.__xss), undefined);

      const shaped = journal.find((r) => r.shaped_by && r.shaped_by.source === 'rule');
      await page.click(`#journal-rows tr[data-id="${shaped.id}"]`);
      assert.deepEqual(JSON.parse(await page.$eval('#detail-shaped', (e) => e.textContent)), shaped.shaped_by);
    });

    await step('the violations list, fault rules and rate-limit windows match the admin API', async () => {
      const violations = (await admin('violations')).violations;
      assert.deepEqual(await page.$$eval('#violations li .where', (l) => l.map((e) => e.textContent)),
        violations.slice().reverse().map((v) => '#' + v.request_id + ' ' + (v.operation || '(no operation)') + ' · ' + v.location));
      assert.equal(await page.$eval('#violations-count', (e) => e.textContent), String(violations.length));
      const faults = (await admin('faults')).faults;
      const rows = await page.$$eval('#faults tr', (r) => r.map((x) => [Number(x.dataset.rule),
        x.querySelector('.name').textContent, x.querySelector('.fired').textContent]));
      assert.deepEqual(rows, faults.map((f) => [f.id, f.name, String(f.fired)]));
      const limits = await admin('rate-limits');
      assert.match(await page.$eval('#rate-summary', (e) => e.textContent), /org_write 5 \/ 3600 s/);
      const windows = await page.$$eval('#rate-windows tr', (r) => r.map((x) => Array.from(x.cells, (c) => c.textContent)));
      assert.deepEqual(windows.map((w) => [w[0], w[1], w[2]]), limits.windows.map((w) => [w.token, w.category, String(w.remaining)]));
      assert.ok(windows.some((w) => w[1] === 'org_write' && w[2] === '0'));
    });

    await step('accounts list every token, and a copy button copies it', async () => {
      const accounts = (await admin('accounts')).accounts;
      const tokens = accounts.flatMap((a) => a.tokens.map((t) => t.token));
      assert.deepEqual(await page.$$eval('#accounts code.token', (l) => l.map((e) => e.textContent)), tokens);
      const boards = accounts.flatMap((a) => a.boards.map((b) => b.id));
      for (const id of boards) assert.ok(await page.$(`#accounts button[data-copy="${id}"]`), id);
      await page.click(`#accounts button[data-copy="${tokens[1]}"]`);
      await page.waitForFunction((t) => document.querySelector(`#accounts button[data-copy="${t}"]`).textContent === 'copied', {}, tokens[1]);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), tokens[1]);
    });

    await step('wide and narrow screenshots; nothing overflows a 390-pixel window', async () => {
      const bad = journal.find((r) => r.status === 400);
      await page.click(`#journal-rows tr[data-id="${bad.id}"]`);
      await page.screenshot({ path: path.join(out, 'dashboard.png'), fullPage: true });
      await page.setViewport({ width: 390, height: 844 });
      await ticks(page, 1);
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= inner, `page is ${scroll} px wide in a ${inner} px window`);
      await page.screenshot({ path: path.join(out, 'dashboard-narrow.png'), fullPage: true });
      await page.setViewport({ width: 1400, height: 1000 });
    });

    await step('the page itself adds nothing to the journal', async () => {
      await ticks(page, 2);
      assert.equal((await admin('requests')).requests.length, journal.length);
    });

    await step('a new request shows up live', async () => {
      const marker = 'live-' + Date.now();
      assert.equal((await call('GET', '/v5/pins?page_size=3&marker=' + marker)).status, 200);
      await page.waitForFunction((m) => document.querySelector('#journal-rows tr td.path').textContent.includes(m), { timeout: 10000 }, marker);
      assert.equal(await page.$eval('#journal-count', (e) => e.textContent), String(journal.length + 1));
    });

    await step('Reset (two clicks) posts /__admin/reset: fault rules and rate-limit windows go', async () => {
      await page.click('#reset');
      assert.equal(await page.$eval('#reset', (e) => e.textContent), 'Confirm reset');
      assert.equal((await admin('faults')).faults.length, 2, 'one click alone resets nothing');
      await page.click('#reset');
      await page.waitForFunction(() => document.querySelectorAll('#faults tr[data-rule]').length === 0, { timeout: 10000 });
      assert.equal((await admin('faults')).faults.length, 0);
      assert.equal((await admin('rate-limits')).windows.length, 0);
      assert.equal((await admin('health')).pins, 36);
    });

    await step('1,000 journal entries: one page of rows in the DOM, the eldest evicted, no re-render when idle', async () => {
      // 13 entries so far; 990 more make 1,003 sent, so the journal (1,000) has dropped three.
      const total = 990;
      let next = 0;
      const started = Date.now();
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < total) {
          next++;
          const r = await call('GET', '/v5/pins/' + PIN);
          assert.equal(r.status, 200);
        }
      }));
      const sent = Date.now();
      await page.waitForFunction(() => document.querySelector('#journal-count').textContent === '1000', { timeout: 20000 });
      const shown = Date.now();
      const state = await page.evaluate(() => ({
        rows: document.querySelectorAll('#journal-rows tr').length,
        more: !document.querySelector('#journal-more').hidden,
        renderMs: Number(document.body.dataset.renderMs),
      }));
      const api = await admin('requests');
      assert.equal(api.requests.length, 1000);
      assert.deepEqual((await shownIds(page)).slice(0, 200), newestFirst(api.requests).slice(0, 200));
      assert.equal(state.rows, 200);
      assert.ok(state.more);
      assert.equal(api.first_id, 4);
      assert.equal(await page.$eval('#detail-title', (e) => e.textContent), 'Request #3 (no longer in the journal)');
      await page.select('#filter-operation', 'pins/create');
      const filterMs = Number(await page.$eval('body', (b) => b.dataset.renderMs));
      const creates = (await admin('requests?operation=pins/create')).requests;
      assert.deepEqual(await shownIds(page), newestFirst(creates));
      assert.ok(!creates.some((r) => r.id < 4));
      await page.select('#filter-operation', '');
      // An idle poll keeps the very same row nodes.
      await page.evaluate(() => { document.querySelector('#journal-rows tr').__kept = true; });
      await ticks(page, 2);
      assert.equal(await page.evaluate(() => document.querySelector('#journal-rows tr').__kept === true), true);
      const showMoreMs = await page.evaluate(async () => {
        const t0 = performance.now();
        document.querySelector('#show-more').click();
        return performance.now() - t0;
      });
      assert.equal(await page.$$eval('#journal-rows tr', (l) => l.length), 400);
      console.log(`   ${total} requests sent in ${sent - started} ms; page showed 1000 after ${shown - sent} ms; ` +
        `journal render ${state.renderMs} ms; filter ${filterMs} ms; "show more" (200 rows) ${showMoreMs.toFixed(1)} ms`);
      await page.screenshot({ path: path.join(out, 'dashboard-1000.png') });
    });

    await step('the session filter lists real sessions and shows the chosen session\'s journal only', async () => {
      const opened = await admin('sessions', 'POST', {});
      const token = opened.tokens[TOKEN];
      assert.ok(token, JSON.stringify(opened));
      for (const title of ['in session 1', 'in session 2']) {
        const created = await call('POST', '/v5/pins', { token, body: createBody(title) });
        assert.equal(created.status, 201, created.text);
      }
      const inSession = (await admin('requests?session=' + opened.id)).requests;
      assert.equal(inSession.length, 2);
      const second = await browser.newPage();
      const asked = [];
      second.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/__admin/') && url.pathname !== '/__admin/sessions') asked.push(url.pathname + url.search);
      });
      await second.goto(base + '/__admin/');
      await second.waitForFunction((id) => Array.from(document.querySelectorAll('#filter-session option')).some((o) => o.value === id), { timeout: 20000 }, opened.id);
      await ticks(second, 1); // just after a poll: the next is a second away
      asked.length = 0;
      await second.select('#filter-session', opened.id);
      await second.waitForFunction((n) => document.querySelectorAll('#journal-rows tr').length === n, { timeout: 20000 }, inSession.length);
      assert.deepEqual(await shownIds(second), newestFirst(inSession));
      await ticks(second, 1);
      assert.ok(asked.length > 0 && asked.every((q) => q.includes('session=' + opened.id)), asked.join(' '));
      // Back to the default session: its journal again, none of the session's requests.
      await second.select('#filter-session', '');
      await second.waitForFunction((n) => document.querySelectorAll('#journal-rows tr').length > n, { timeout: 20000 }, inSession.length);
      await second.close();
      await admin('sessions/' + opened.id, 'DELETE');
    });

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, 0 failed`);
}

main().catch((error) => {
  console.error(error);
  console.log(`${passed} passed, 1 failed`);
  process.exit(1);
});
