// A customer's chat backend for ModelRiver, written from the public example's contract
// (docs/wire-contract.md section 6) and not from our C# ChatBackend: the harness must test
// backends it did not write. Browser -> POST /chat -> ModelRiver async API; ModelRiver -> signed webhook ->
// this backend stores the answer and calls back -> ModelRiver pushes `completed` to the browser.
//
// BROKEN=<flag>[,<flag>] turns on deliberate contract violations, so a scenario run can show what it catches:
//   skip-signature  accept a webhook whose X-ModelRiver-Signature does not match (headers must still be present)
//   no-callback-id  leave `id` (and `conversation_id`) out of the callback data
//   no-dedupe       process a re-delivered webhook again (a second record and a second callback)
//   no-timestamp-check  accept a webhook whatever the age of its X-ModelRiver-Timestamp
//   trust-callback-url  call back wherever the webhook says (any origin, any channel, unknown channels too),
//                       sending the API key there, as the public example does
//   no-persist      keep state in memory only, even with DATA_DIR set (a restart forgets processed webhooks)
import express from 'express';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PORT = Number(process.env.PORT || 4000);
// Loopback by default: tests and local development must not open a port to the network.
const HOST = process.env.HOST || '127.0.0.1';
const API_URL = (process.env.MODELRIVER_API_URL || 'https://api.modelriver.com').replace(/\/+$/, '');
const API_KEY = process.env.MODELRIVER_API_KEY;
const PUBLIC_URL = (process.env.BACKEND_PUBLIC_URL || `http://localhost:${PORT}`).replace(/\/+$/, '');
const SECRET = process.env.WEBHOOK_SECRET;
const BROKEN = new Set((process.env.BROKEN || '').split(',').map((s) => s.trim()).filter(Boolean));
const UPSTREAM_TIMEOUT_MS = 30_000;
// A webhook's signed timestamp may be this far from now, either way; older ones are replays.
const TOLERANCE_MS = Number(process.env.WEBHOOK_TOLERANCE_SECONDS || 300) * 1000;
// Without a secret, webhooks are refused unless this explicit opt-in says otherwise (never in production).
const INSECURE_DEV = process.env.WEBHOOK_INSECURE_DEV === '1';
// Each map keeps at most this many entries (the oldest go first).
const MAX_ENTRIES = 10_000;

// With DATA_DIR, state is kept in a JSON file there, rewritten (atomically) on every change, so a restart loses
// nothing and a redelivered webhook is still recognised. Without it, state lives in memory like the example's.
const STATE_FILE = process.env.DATA_DIR && !BROKEN.has('no-persist')
  ? path.join(process.env.DATA_DIR, 'express-backend-state.json')
  : null;
const saved = STATE_FILE && existsSync(STATE_FILE) ? JSON.parse(readFileSync(STATE_FILE, 'utf8')) : {};
const pending = new Map(saved.pending ?? []);              // channel_id -> {prompt, timestamp, conversationId, messageId}
const conversations = new Map(saved.conversations ?? []);  // conversation_id -> {messages, createdAt}
const processed = new Map(saved.processed ?? []);          // channel_id -> record id of the first delivery

function save() {
  for (const map of [pending, conversations, processed]) {
    while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value);
  }
  if (!STATE_FILE) return;
  mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  const text = JSON.stringify({ pending: [...pending], conversations: [...conversations], processed: [...processed] });
  writeFileSync(`${STATE_FILE}.tmp`, text);
  renameSync(`${STATE_FILE}.tmp`, STATE_FILE);
}

const app = express();
// Open CORS, as the example: the browser app is served from another origin.
app.use((req, res, next) => {
  res.set({
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'Content-Type, Authorization',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  });
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
});
// Keep the raw bytes: a webhook without `data` is signed over the raw body.
app.use(express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } }));

app.post('/chat', async (req, res) => {
  const { message, conversationId, workflow, events } = req.body ?? {};
  if (!message) return res.status(400).json({ error: 'Message is required' });
  if (!API_KEY) return res.status(500).json({ error: 'MODELRIVER_API_KEY not configured. Set it in environment variables.' });

  const conversation_id = conversationId || randomUUID();
  const message_id = randomUUID();
  let upstream, body;
  try {
    upstream = await fetch(`${API_URL}/v1/ai/async`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({
        workflow: workflow || 'mr_chatbot_workflow',
        messages: [{ role: 'user', content: message }],
        delivery_method: 'websocket',
        webhook_url: `${PUBLIC_URL}/webhook/modelriver`,
        events: events || ['webhook_received'],
        metadata: { conversation_id, message_id, original_prompt: message, timestamp: Date.now() },
      }),
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
    body = await upstream.json().catch(() => null);
  } catch (err) {
    return res.status(500).json({ error: err.message });
  }
  if (!upstream.ok) {
    return res.status(500).json({ error: body?.message || `ModelRiver answered ${upstream.status}`, details: body });
  }

  pending.set(body.channel_id, { prompt: message, timestamp: Date.now(), conversationId: conversation_id, messageId: message_id });
  save();
  const { channel_id, ws_token, websocket_url, websocket_channel, project_id } = body;
  res.json({ channel_id, ws_token, websocket_url, websocket_channel, project_id });
});

// The example serves the same handler on both paths.
app.post(['/webhook/modelriver', '/webhook'], async (req, res) => {
  const signature = req.get('x-modelriver-signature');
  const timestamp = req.get('x-modelriver-timestamp');
  if (!signature) return unauthorized(res, 'Missing X-ModelRiver-Signature header');
  if (!timestamp) return unauthorized(res, 'Missing X-ModelRiver-Timestamp header');
  if (!SECRET) {
    if (!INSECURE_DEV) return unauthorized(res, 'Webhook secret not configured');
    console.warn('INSECURE: webhook accepted without signature verification (WEBHOOK_INSECURE_DEV=1)');
  } else if (!BROKEN.has('skip-signature')) {
    const problem = signatureProblem(req, timestamp, signature);
    if (problem) return unauthorized(res, problem);
  }
  if (!BROKEN.has('no-timestamp-check') && !(Math.abs(Date.now() - Number(timestamp) * 1000) <= TOLERANCE_MS)) {
    return unauthorized(res, 'Timestamp outside the tolerance window');
  }

  const body = req.body ?? {};
  const webhook = fields(req, body);
  const channelId = body.channel_id;
  // The callback carries the API key and its URL is not signed: check it before anything changes.
  const refusal = BROKEN.has('trust-callback-url') ? null : callbackProblem(webhook.callbackUrl, channelId);
  if (refusal) {
    console.warn(`webhook for ${channelId} refused: ${refusal} (${webhook.callbackUrl}); the API key was not sent`);
    return res.status(400).json({ error: refusal });
  }
  const request = pending.get(channelId);
  const recordId = request?.messageId || randomUUID();
  // Deliveries are retried (and may be duplicated): the first one wins, a repeat gets its record id back.
  if (channelId && processed.has(channelId) && !BROKEN.has('no-dedupe')) {
    return res.json(answer(processed.get(channelId), channelId));
  }
  if (channelId) processed.set(channelId, recordId);

  try {
    store(webhook, body, request, recordId);
    pending.delete(channelId);
    save();
    // The callback is awaited before the webhook is answered, as the example does: ModelRiver must not hold
    // anything the callback needs while the webhook is open.
    await callBack(webhook, body, request, recordId);
  } catch (err) {
    processed.delete(channelId); // let ModelRiver's retry be processed instead of answered as a duplicate
    save();
    return res.status(500).json({ error: err.message });
  }
  res.json(answer(recordId, channelId));
});

app.get('/conversations/:id', (req, res) => {
  const conversation = conversations.get(req.params.id);
  if (!conversation) return res.status(404).json({ error: 'Conversation not found' });
  res.json(conversation);
});

app.get('/health', (_req, res) => {
  res.json({
    status: 'ok',
    timestamp: new Date().toISOString(),
    config: { modelriver_api_url: API_URL, backend_public_url: PUBLIC_URL, api_key_configured: Boolean(API_KEY) },
  });
});

/** The example's scheme: hex HMAC-SHA256 of `<timestamp>.<JSON.stringify(body.data)>`; the raw body when no data. */
function signatureProblem(req, timestamp, signature) {
  const data = req.body?.data;
  const signed = data ? JSON.stringify(data) : (req.rawBody?.toString('utf8') ?? '');
  const expected = Buffer.from(createHmac('sha256', SECRET).update(`${timestamp}.${signed}`).digest('hex'));
  const given = Buffer.from(signature);
  // timingSafeEqual throws on different lengths, so that case is answered first (with the example's message).
  if (given.length !== expected.length) return data ? 'Invalid signature (length mismatch)' : 'Invalid signature';
  return timingSafeEqual(given, expected) ? null : 'Invalid signature';
}

/** Null when the callback URL may receive the API key: under MODELRIVER_API_URL and naming this webhook's channel. */
function callbackProblem(callbackUrl, channelId) {
  if (typeof callbackUrl !== 'string' || !callbackUrl.startsWith('http')) return null; // nothing to call back
  let target;
  try {
    target = new URL(callbackUrl);
  } catch {
    return 'callback_url is not a valid URL';
  }
  const gateway = new URL(`${API_URL}/`);
  if (target.origin !== gateway.origin || target.username || target.password || !target.pathname.startsWith(gateway.pathname)) {
    return 'callback_url is not on the configured gateway (MODELRIVER_API_URL)';
  }
  const named = target.pathname.match(/\/callback\/([^/]*)/);
  if (named && decodeURIComponent(named[1]) !== channelId) return 'callback_url names another channel than channel_id';
  return null;
}

function unauthorized(res, message) {
  return res.status(401).json({ error: 'Unauthorized', message });
}

function answer(recordId, channelId) {
  return { success: true, message: 'Webhook processed', record_id: recordId, channel_id: channelId, timestamp: new Date().toISOString() };
}

/** Older deliveries nest the event-driven fields inside `data`; read both places. */
function fields(req, body) {
  const data = body.data;
  return {
    data,
    event: body.event || data?.event,
    type: body.type || data?.type,
    aiResponse: body.ai_response || data?.ai_response,
    callbackUrl: body.callback_url || data?.callback_url || req.get('x-modelriver-callback-url'),
  };
}

function store({ data, aiResponse }, body, request, recordId) {
  if (!request) return; // unknown channel: nothing could ask for the record (the example files it under "undefined")
  const now = new Date().toISOString();
  const conversation = conversations.get(request.conversationId) ?? { messages: [], createdAt: now };
  conversation.messages.push({
    id: recordId,
    prompt: request.prompt,
    response: readableResponse(aiResponse?.data || data),
    created_at: now,
    channel_id: body.channel_id,
    conversation_id: request.conversationId,
    usage: body.meta?.usage || data?.usage,
  });
  conversations.set(request.conversationId, conversation);
}

/** Structured output is kept as the object; a chat completion as its text. */
function readableResponse(result) {
  if (result && typeof result === 'object' && !result.choices && !result.response) return result;
  return result?.choices?.[0]?.message?.content
    ?? result?.response?.choices?.[0]?.message?.content
    ?? JSON.stringify(result);
}

async function callBack({ data, event, type, aiResponse, callbackUrl }, body, request, recordId) {
  if (typeof callbackUrl !== 'string' || !callbackUrl.startsWith('http')) return; // standard workflow: nothing to do
  // Only requests this backend started are called back for: a replay naming another channel gets nothing.
  if (!request && !BROKEN.has('trust-callback-url')) {
    console.warn(`webhook for unknown channel ${body.channel_id}: no callback`);
    return;
  }
  const eventDriven = event === 'new_chat' || type === 'task.ai_generated';
  const callbackData = { ...((eventDriven && aiResponse?.data) || data || {}) };
  if (!BROKEN.has('no-callback-id')) {
    callbackData.id = recordId;
    if (request) callbackData.conversation_id = request.conversationId; // the example's README promises both ids
  }
  try {
    const reply = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ data: callbackData, task_id: recordId }),
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
    if (reply.status >= 400) console.warn(`callback for ${body.channel_id} answered ${reply.status}: ${await reply.text()}`);
  } catch (err) {
    // The example only logs a failed callback; ModelRiver's callback timeout then ends the request.
    console.error(`callback for ${body.channel_id} failed: ${err.message}`);
  }
}

const server = app.listen(PORT, HOST, () => {
  const broken = BROKEN.size ? ` (BROKEN=${[...BROKEN].join(',')})` : '';
  if (!SECRET && INSECURE_DEV) console.warn('INSECURE: WEBHOOK_INSECURE_DEV=1 and no WEBHOOK_SECRET: webhook signatures are NOT verified');
  // Tests wait for this line instead of polling.
  console.log(`express backend listening on http://${HOST}:${server.address().port}${broken}`);
});
// Stop cleanly when the harness stops us.
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.close(() => process.exit(0)));
