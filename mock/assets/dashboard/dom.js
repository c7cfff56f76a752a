// Building the page: text only. Everything shown comes from requests a client sent, so nothing
// is ever parsed as HTML: nodes come from createElement and strings become text nodes.

export const PAGE_ROWS = 200; // rows in the DOM at once (journal, violations); "Show more" adds as many

export const $ = (id) => document.getElementById(id);

export function el(tag, props, ...children) {
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

export function copyButton(text, label) {
  return el('button', { type: 'button', class: 'copy', data: { copy: text }, title: 'Copy ' + label }, 'copy');
}

export function clockTime(iso) {
  const t = String(iso || '').indexOf('T');
  return t < 0 ? String(iso || '') : String(iso).slice(t + 1).replace('Z', '');
}

export function duration(us) {
  if (typeof us !== 'number') return '';
  if (us < 1000) return us + ' µs';
  if (us < 1000000) return (us / 1000).toFixed(1) + ' ms';
  return (us / 1000000).toFixed(2) + ' s';
}

export function target(entry) {
  const query = (entry.query || []).map(([k, v]) => k + '=' + v).join('&');
  return entry.path + (query ? '?' + query : '');
}

export function shaped(s) {
  if (!s) return '';
  const parts = [s.source + (s.source === 'rule' ? ' #' + s.rule : '')];
  if (s.forced_status) parts.push(String(s.forced_status));
  if (s.fault) parts.push(s.fault);
  if (s.delay_ms) parts.push(s.delay_ms + ' ms');
  if (s.detail) parts.push('(' + s.detail + ')');
  return parts.join(' ');
}

export function statusText(status) {
  return status === 0 ? 'dropped' : String(status);
}

export function statusClass(status) {
  return 'status s' + String(status).charAt(0);
}

export function violationLine(v) {
  return el('li', { data: { request: v.request_id } },
    el('span', { class: 'where' }, '#' + v.request_id + ' ' + (v.operation || '(no operation)') + ' · ' + v.location),
    ' ', v.rule,
    v.value ? el('span', null, ' — got ', el('code', null, v.value)) : null,
    v.expected ? el('span', { class: 'expected' }, ' — expected ' + v.expected) : null);
}
