// The example's chat page: POST /chat, then the answer streams over the gateway's Phoenix socket (protocol v2 JSON
// frames [join_ref, ref, topic, event, payload], spoken here by hand: no library, nothing loaded from elsewhere).
// A reload mid-stream resumes: the channel id, the text so far and its last seq live in sessionStorage, the backend
// proxies POST /api/v1/ai/reconnect for a fresh ws_token, and the join asks for the tokens after last_seq only.
'use strict';

const STORE = 'modelriver-chat-stream';
const STEPS = ['queued', 'streaming', 'waiting-for-backend', 'completed'];
const HEARTBEAT_MS = 30000;
const stream = { channelId: null, message: '', text: '', lastSeq: 0, done: false, socket: null, heartbeat: null, ref: 0 };

const $ = (id) => document.getElementById(id);

function conversationId() {
  let id = sessionStorage.getItem('modelriver-chat-conversation');
  if (!id) { id = crypto.randomUUID(); sessionStorage.setItem('modelriver-chat-conversation', id); }
  return id;
}

function save() {
  sessionStorage.setItem(STORE, JSON.stringify({ channel_id: stream.channelId, message: stream.message, text: stream.text, last_seq: stream.lastSeq }));
}

function setStep(name) {
  const index = STEPS.indexOf(name);
  for (const item of document.querySelectorAll('.steps li')) {
    const at = STEPS.indexOf(item.dataset.step);
    const done = at < index || (name === 'completed' && at === index);
    item.dataset.state = done ? 'done' : at === index ? 'active' : 'todo';
    if (at === index) item.setAttribute('aria-current', 'step'); else item.removeAttribute('aria-current');
  }
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
  $('chat-send').disabled = false;
}

function showText() { $('assistant-text').textContent = stream.text; }

function renderAnswer(data) {
  if (!data || typeof data !== 'object') return;
  $('answer-reply').textContent = data.reply ?? '';
  $('answer-summary').textContent = data.summary ?? '';
  $('answer-sentiment').textContent = data.sentiment ?? '';
  $('answer-confidence').textContent = data.confidence === undefined ? '' : String(data.confidence);
  $('answer-topics').replaceChildren(...(data.topics || []).map((topic) => {
    const li = document.createElement('li'); li.textContent = String(topic); return li;
  }));
  $('answer-actions').replaceChildren(...(data.action_items || []).map((item) => {
    const li = document.createElement('li');
    li.textContent = typeof item === 'object' && item ? item.task + (item.priority ? ' (' + item.priority + ')' : '') : String(item);
    return li;
  }));
  $('answer').hidden = false;
}

function finish() {
  stream.done = true;
  sessionStorage.removeItem(STORE);
  clearInterval(stream.heartbeat);
  $('chat-send').disabled = false;
}

function onEvent(event, payload) {
  switch (event) {
    case 'phx_reply':
      if (payload.status !== 'ok') showError('Could not join the channel: ' + JSON.stringify(payload.response));
      break;
    case 'tokens':
      // Replays after a rejoin start after last_seq; anything at or below it is already on screen.
      if (payload.seq <= stream.lastSeq) break;
      stream.text += payload.delta;
      stream.lastSeq = payload.seq;
      showText();
      setStep('streaming');
      save();
      break;
    case 'status':
      if (payload.status === 'ai_generated') setStep('waiting-for-backend');
      else if (payload.status === 'completed') setStep('completed');
      break;
    case 'response':
      if (payload.status === 'ai_generated') { setStep('waiting-for-backend'); break; }
      if (payload.status === 'success' || payload.status === 'completed') {
        renderAnswer(payload.data);
        setStep('completed');
        finish();
      } else if (payload.status === 'error') {
        showError((payload.error && payload.error.message) || 'The request failed');
        finish();
      }
      break;
  }
}

function connect(fields) {
  const url = fields.websocket_url.replace(/\/+$/, '') + '/websocket?vsn=2.0.0&token=' + encodeURIComponent(fields.ws_token);
  const socket = new WebSocket(url);
  stream.socket = socket;
  const nextRef = () => String(++stream.ref);
  socket.onopen = () => {
    socket.send(JSON.stringify(['1', nextRef(), fields.websocket_channel, 'phx_join', { last_seq: stream.lastSeq }]));
    stream.heartbeat = setInterval(() => socket.send(JSON.stringify([null, nextRef(), 'phoenix', 'heartbeat', {}])), HEARTBEAT_MS);
  };
  socket.onmessage = (message) => {
    const [, , topic, event, payload] = JSON.parse(message.data);
    if (topic === fields.websocket_channel) onEvent(event, payload);
  };
  socket.onclose = () => {
    clearInterval(stream.heartbeat);
    if (!stream.done) showError('The connection closed before the answer was complete. Reload to resume.');
  };
}

async function postJson(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error || json.message || ('HTTP ' + response.status));
  return json;
}

function reset(message) {
  Object.assign(stream, { channelId: null, message, text: '', lastSeq: 0, done: false });
  $('user-text').textContent = message;
  $('you').hidden = false;
  $('answer').hidden = true;
  $('error').hidden = true;
  showText();
  setStep('queued');
}

async function send(message) {
  if (stream.socket && !stream.done) stream.socket.close();
  reset(message);
  $('chat-send').disabled = true;
  try {
    const fields = await postJson('/chat', { message, conversationId: conversationId() });
    stream.channelId = fields.channel_id;
    save();
    connect(fields);
  } catch (error) {
    showError(error.message);
  }
}

async function resume(saved) {
  reset(saved.message || '');
  Object.assign(stream, { channelId: saved.channel_id, text: saved.text || '', lastSeq: saved.last_seq || 0 });
  showText();
  if (stream.lastSeq > 0) setStep('streaming');
  $('chat-send').disabled = true;
  try {
    connect(await postJson('/api/v1/ai/reconnect', { channel_id: saved.channel_id }));
  } catch (error) {
    sessionStorage.removeItem(STORE);
    showError('Could not resume: ' + error.message);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const message = $('chat-input').value.trim();
    if (message) send(message);
  });
  const saved = JSON.parse(sessionStorage.getItem(STORE) || 'null');
  if (saved && saved.channel_id) resume(saved);
});
