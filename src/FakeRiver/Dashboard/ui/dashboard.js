// FakeRiver dashboard: builds the request list and one request's timeline from /__admin/events (server-sent
// events: the retained events, then live ones). No framework, no build step, nothing loaded from elsewhere.
'use strict';

const KINDS = ['accepted', 'attempt', 'tokens', 'status', 'response', 'webhook', 'callback', 'join', 'close'];
const requests = new Map();   // channel_id -> row model
const events = new Map();     // channel_id -> events, oldest first
let selected = null;
let renderQueued = false;

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') node.className = v; else if (k.startsWith('data-') || k === 'id' || k === 'type' || k === 'aria-label') node.setAttribute(k, v); else node[k] = v;
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function row(channelId) {
  let model = requests.get(channelId);
  if (!model) {
    model = { channel_id: channelId, project_id: '', workflow: '', state: 'processing', provider: '', tokens: 0, duration_ms: null, at: null };
    requests.set(channelId, model);
  }
  return model;
}

function handle(evt) {
  const model = row(evt.channel_id);
  const list = events.get(evt.channel_id) || [];
  list.push(evt);
  events.set(evt.channel_id, list);
  const d = evt;
  if (d.state) model.state = d.state;
  switch (d.kind) {
    case 'accepted': model.project_id = d.project_id; model.workflow = d.workflow; model.at = d.at; break;
    case 'attempt': model.provider = d.provider + (d.success ? '' : ' (failed)'); break;
    case 'status': if (d.provider) model.provider = d.provider; break;
    case 'tokens': model.tokens = d.count; break;
    case 'response':
      if (d.provider) model.provider = d.provider;
      model.tokens = d.token_count;
      if (d.final) model.duration_ms = d.duration_ms;
      break;
  }
  queueRender();
}

function queueRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => { renderQueued = false; render(); });
}

function fillFilter(select, values) {
  const current = select.value;
  const known = new Set([...select.options].map((o) => o.value));
  for (const value of [...values].sort()) if (value && !known.has(value)) select.append(el('option', { value }, value));
  select.value = current;
}

function formatMs(ms) {
  if (ms === null || ms === undefined) return '';
  return ms >= 10000 ? (ms / 1000).toFixed(1) + ' s' : Math.round(ms) + ' ms';
}

function render() {
  const all = [...requests.values()];
  fillFilter($('filter-project'), new Set(all.map((r) => r.project_id)));
  fillFilter($('filter-workflow'), new Set(all.map((r) => r.workflow)));
  const project = $('filter-project').value;
  const workflow = $('filter-workflow').value;
  const shown = all.filter((r) => (!project || r.project_id === project) && (!workflow || r.workflow === workflow)).reverse();
  const body = $('rows');
  body.replaceChildren(...shown.map((r) => {
    const open = el('button', { type: 'button', 'aria-label': 'Show timeline of ' + r.channel_id }, r.channel_id.slice(0, 8));
    open.addEventListener('click', () => { selected = r.channel_id; render(); });
    return el('tr', { 'data-testid': 'request-row', 'data-channel-id': r.channel_id, 'data-state': r.state, class: r.channel_id === selected ? 'selected' : '' },
      el('td', {}, open), el('td', {}, r.workflow || '—'), el('td', {}, el('code', {}, (r.project_id || '—').slice(0, 8))),
      el('td', { class: 'state state-' + r.state }, r.state), el('td', {}, r.provider || ''),
      el('td', { class: 'num' }, String(r.tokens || 0)),
      el('td', { class: 'num' }, r.duration_ms === null ? (r.state === 'failed' ? '' : 'running') : formatMs(r.duration_ms)));
  }));
  $('empty').hidden = all.length > 0;
  renderTimeline();
}

function describe(e, tokensBefore) {
  switch (e.kind) {
    case 'accepted': return ['workflow ' + e.workflow + (e.event_name ? ' (event-driven: ' + e.event_name + ')' : ' (standard)') + (e.webhook_url ? ', webhook ' + e.webhook_url : ''), ''];
    case 'attempt': return ['#' + e.attempt + ' ' + e.provider + ' / ' + e.model + ': ' + (e.success ? 'succeeded' : 'failed, ' + e.reason)
      + ' in ' + formatMs(e.duration_ms) + (e.retry_after_ms !== null && e.retry_after_ms !== undefined ? ', Retry-After ' + (e.retry_after_ms / 1000) + ' s' : '')
      + ' (' + e.tokens_so_far + ' tokens so far)', e.success ? 'good' : 'bad'];
    case 'tokens': return [e.count + ' tokens' + (e.rate !== null && e.rate !== undefined ? ' at ' + e.rate + ' tokens/s' : ''), ''];
    case 'status': return [e.status + (e.provider ? ' · ' + e.provider + (e.model ? ' / ' + e.model : '') : '') + (e.attempt ? ' · attempt ' + e.attempt : '') + (e.reason ? ' · ' + e.reason : ''), e.status === 'error' ? 'bad' : ''];
    case 'response': return [e.status + (e.final ? ' (final)' : ' (not final)') + (e.error ? ': ' + e.error.code : ''), e.status === 'error' ? 'bad' : e.final ? 'good' : ''];
    case 'webhook': return [e.type + ' attempt ' + e.attempt + ' to ' + e.url + ': ' + (e.status_code ?? e.error) + ' in ' + formatMs(e.duration_ms), e.succeeded ? 'good' : 'bad'];
    case 'callback': return ['answered ' + e.status_code, e.status_code < 300 ? 'good' : 'bad'];
    case 'join': {
      if (!e.ok) return ['socket ' + e.socket_id + ' refused: ' + e.reason, 'bad'];
      const replays = e.last_seq > 0 ? ' · rejoin after seq ' + e.last_seq + ', replays ' + Math.max(0, tokensBefore - e.last_seq) + ' buffered tokens' : ' · replays ' + tokensBefore + ' buffered tokens';
      return ['socket ' + e.socket_id + ' joined ' + e.topic + replays, ''];
    }
    case 'close': return ['socket ' + e.socket_id + ' closed' + (e.code !== null && e.code !== undefined ? ' with ' + e.code : ' (' + e.detail + ')'), ''];
    default: return [JSON.stringify(e), ''];
  }
}

function detailsFor(e) {
  if (e.kind === 'webhook' && e.headers) return el('details', {}, el('summary', {}, 'signature headers'), el('pre', {}, Object.entries(e.headers).map(([k, v]) => k + ': ' + v).join('\n')));
  if (e.kind === 'callback' && e.body) return el('details', {}, el('summary', {}, 'body'), el('pre', {}, JSON.stringify(e.body, null, 2)));
  return null;
}

function renderTimeline() {
  const list = selected ? events.get(selected) || [] : [];
  $('timeline-title').textContent = selected ? 'Channel ' + selected : 'Choose a request.';
  const start = list.length ? Date.parse(list[0].at) : 0;
  const items = [];
  let tokens = 0;
  let tokenItem = null;
  for (const e of list) {
    const [text, tone] = describe(e, tokens);
    if (e.kind === 'tokens') tokens = e.count;
    const item = el('li', { 'data-testid': 'timeline-event', 'data-kind': e.kind, class: tone },
      el('span', { class: 'at' }, '+' + formatMs(Date.parse(e.at) - start)), el('span', { class: 'kind' }, e.kind), text, detailsFor(e));
    // Consecutive token samples collapse into one line that shows the latest count and rate.
    if (e.kind === 'tokens' && tokenItem) { items[items.length - 1] = item; } else items.push(item);
    tokenItem = e.kind === 'tokens' ? item : null;
  }
  $('timeline').replaceChildren(...items);
}

function connect() {
  const source = new EventSource('/__admin/events');
  for (const kind of KINDS) source.addEventListener(kind, (m) => handle(JSON.parse(m.data)));
  source.addEventListener('ready', () => { $('live').textContent = 'live'; $('live').classList.add('on'); });
  source.onerror = () => { $('live').textContent = 'reconnecting…'; $('live').classList.remove('on'); };
}

document.addEventListener('DOMContentLoaded', () => {
  $('filter-project').addEventListener('change', render);
  $('filter-workflow').addEventListener('change', render);
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  const wanted = new URLSearchParams(location.search).get('channel');
  if (wanted) selected = wanted;
  render();
  connect();
});
