// The harness against a backend it did not write: tests/backends/express (a customer's Express backend written from
// the public example's contract) behind FakeRiver, driven the way a browser does — POST /chat, then the official
// Phoenix client on the returned channel. Its BROKEN variants must be caught by the same checks.
// Needs `dotnet build Harness.sln` and `npm ci` in tests/backends/express (.ci/run does both).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Socket } from 'phoenix';
import WebSocket from 'ws';
import { startFakeRiver } from './support/fakeriver.mjs';
import { startExpressBackend } from './support/express-backend.mjs';

const secret = 'whsec_express_interop';
const apiKey = 'mr_test_express_interop';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Generous: the simulated provider streams for seconds, and the 2-core CI machine may be busy.
const flowTimeoutMs = 60_000;

let fakeRiver;
const backends = [];

before(async () => {
  fakeRiver = await startFakeRiver({ env: { WEBHOOK_SECRET: secret, MODELRIVER_API_KEY: apiKey } });
});

after(async () => {
  await Promise.all(backends.map((b) => b.stop()));
  await fakeRiver?.stop();
});

/** A backend wired to FakeRiver; `broken` selects a deliberate contract violation (see server.js). */
async function backend(broken) {
  const started = await startExpressBackend({
    env: {
      MODELRIVER_API_URL: fakeRiver.url,
      MODELRIVER_API_KEY: apiKey,
      WEBHOOK_SECRET: secret,
      BROKEN: broken ?? '',
      NODE_ENV: 'production',
    },
  });
  backends.push(started);
  return started;
}

function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function postJson(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

async function getJson(url) {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

/**
 * Polls `read` until `done(value)`. The assertion is on the journal's settled state; `/__admin/events` pushes each
 * webhook attempt as it happens, not the journal entry's final state, so the journal itself is read.
 */
async function until(read, done, what, ms = flowTimeoutMs) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Headers as FakeRiver signs them: hex HMAC-SHA256(secret, ts + "." + JSON.stringify(data)). */
function signed(data, key = secret) {
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', key).update(`${ts}.${JSON.stringify(data)}`).digest('hex');
  return { 'x-modelriver-signature': signature, 'x-modelriver-timestamp': ts };
}

/**
 * Joins the channel /chat returned, as a browser would, and collects `tokens` and `response` events until a final
 * response (anything but ai_generated). Resolves `{tokens, responses}`; the socket is always disconnected.
 */
async function watchChannel({ websocket_url, ws_token, websocket_channel }) {
  // Tokens are single-use: a reconnect with the same one could only fail, so retries are pushed far out.
  const socket = new Socket(websocket_url, { transport: WebSocket, params: { token: ws_token }, reconnectAfterMs: () => 60_000 });
  const tokens = [];
  const responses = [];
  try {
    const done = new Promise((resolve, reject) => {
      socket.onError((err) => reject(new Error(`socket error: ${err?.message ?? err?.type ?? err}`)));
      const channel = socket.channel(websocket_channel, {});
      channel.on('tokens', (payload) => tokens.push(payload));
      channel.on('response', (payload) => {
        responses.push(payload);
        if (payload.status !== 'ai_generated') resolve();
      });
      channel.join().receive('error', (reply) => reject(new Error(`join refused: ${JSON.stringify(reply)}`)));
      socket.connect();
    });
    await within(done, flowTimeoutMs, `final response on ${websocket_channel}`);
    return { tokens, responses };
  } finally {
    socket.disconnect();
  }
}

/** POST /chat on the backend, then watch the channel it answered with. */
async function chat(backendUrl, conversationId) {
  const started = await postJson(`${backendUrl}/chat`, { message: 'Hello from the Express test', conversationId });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  assert.deepEqual(Object.keys(started.body).sort(), ['channel_id', 'project_id', 'websocket_channel', 'websocket_url', 'ws_token']);
  const stream = await watchChannel(started.body);
  return { ...stream, channelId: started.body.channel_id };
}

function streamedData(tokens) {
  assert.ok(tokens.length > 0, 'tokens were streamed');
  assert.deepEqual(tokens.map((t) => t.seq), tokens.map((_, i) => i + 1), 'token seq runs 1..n without gap or duplicate');
  return JSON.parse(tokens.map((t) => t.delta).join(''));
}

test('express backend: /chat -> tokens, ai_generated, completed with the injected id and conversation_id', async () => {
  const { url } = await backend();
  const conversationId = 'conv-express-1';
  const { tokens, responses, channelId } = await chat(url, conversationId);

  assert.deepEqual(responses.map((r) => r.status), ['ai_generated', 'completed']);
  const completed = responses[1];
  assert.match(completed.data.id, uuid, 'the backend injected a record id into the callback data');
  assert.equal(completed.task_id, completed.data.id);
  assert.equal(completed.data.conversation_id, conversationId);
  const { id, conversation_id, ...aiData } = completed.data;
  assert.deepEqual(aiData, streamedData(tokens), 'callback data = the AI result the tokens spelled out');

  const conversation = await getJson(`${url}/conversations/${conversationId}`);
  assert.equal(conversation.status, 200);
  assert.equal(conversation.body.messages.length, 1);
  assert.equal(conversation.body.messages[0].id, id);
  assert.equal(conversation.body.messages[0].channel_id, channelId);
  assert.deepEqual(conversation.body.messages[0].response, aiData);

  // FakeRiver's journal: one webhook answered 200, and the callback arrived while that webhook was still open
  // (`completed` is pushed on the callback, so the webhook may still be open when the browser has it).
  const deliveries = await until(
    async () => (await getJson(`${fakeRiver.url}/__admin/webhooks?channel_id=${channelId}`)).body,
    (list) => list.length === 1 && list[0].state !== 'delivering',
    'the webhook delivery to finish');
  assert.equal(deliveries[0].state, 'delivered');
  const [attempt] = deliveries[0].attempts;
  assert.equal(attempt.status_code, 200);
  const callbacks = (await getJson(`${fakeRiver.url}/__admin/callbacks`)).body.callbacks.filter((c) => c.channel_id === channelId);
  assert.equal(callbacks.length, 1);
  assert.equal(callbacks[0].status, 200);
  assert.ok(Date.parse(callbacks[0].received_at) <= Date.parse(attempt.sent_at) + attempt.duration_ms + 1,
    'the backend called back before it answered the webhook');
});

test('express backend: unsigned or badly signed webhooks get the example\'s 401 messages', async () => {
  const { url } = await backend();
  const data = { reply: 'hi' };
  const body = { type: 'task.completed', channel_id: 'ch-unknown', data };
  const cases = [
    [{}, 'Missing X-ModelRiver-Signature header'],
    [{ 'x-modelriver-signature': 'abc' }, 'Missing X-ModelRiver-Timestamp header'],
    [{ ...signed(data), 'x-modelriver-signature': 'deadbeef' }, 'Invalid signature (length mismatch)'],
    [signed(data, 'another secret'), 'Invalid signature'],
  ];
  for (const [headers, message] of cases) {
    const answer = await postJson(`${url}/webhook/modelriver`, body, headers);
    assert.equal(answer.status, 401, message);
    assert.deepEqual(answer.body, { error: 'Unauthorized', message });
  }
  const good = await postJson(`${url}/webhook`, body, signed(data));
  assert.equal(good.status, 200, JSON.stringify(good.body));
  assert.equal(good.body.message, 'Webhook processed');
});

test('express backend: a re-delivered webhook is processed once (same record id)', async () => {
  const { url } = await backend();
  const data = { reply: 'twice' };
  const body = { type: 'task.completed', channel_id: 'ch-duplicate', data };
  const first = await postJson(`${url}/webhook/modelriver`, body, signed(data));
  const second = await postJson(`${url}/webhook/modelriver`, body, signed(data));
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  assert.equal(second.body.record_id, first.body.record_id);
});

test('BROKEN=skip-signature: a webhook with a wrong signature is accepted (200 instead of 401)', async () => {
  const { url } = await backend('skip-signature');
  const data = { reply: 'forged' };
  const answer = await postJson(`${url}/webhook/modelriver`, { channel_id: 'ch-forged', data }, signed(data, 'not the secret'));
  assert.equal(answer.status, 200, 'the broken variant does not check the signature');
  assert.equal(answer.body.message, 'Webhook processed');
});

test('BROKEN=no-callback-id: the flow completes but the completed data lacks the injected id', async () => {
  const { url } = await backend('no-callback-id');
  const { responses } = await chat(url, 'conv-express-broken');
  assert.deepEqual(responses.map((r) => r.status), ['ai_generated', 'completed']);
  assert.equal(responses[1].data.id, undefined, 'the broken variant forgot the id');
  assert.equal(responses[1].data.conversation_id, undefined);
});

test('BROKEN=no-dedupe: a re-delivered webhook is processed again (a second record id)', async () => {
  const { url } = await backend('no-dedupe');
  const data = { reply: 'twice' };
  const body = { type: 'task.completed', channel_id: 'ch-duplicate-broken', data };
  const first = await postJson(`${url}/webhook/modelriver`, body, signed(data));
  const second = await postJson(`${url}/webhook/modelriver`, body, signed(data));
  assert.notEqual(second.body.record_id, first.body.record_id);
});
