// The whole flow over real loopback, as the public React demo + official SDK do it: POST /chat to ChatBackend,
// then the official phoenix client on FakeRiver's socket (`FakeRiver.Tool.dll dev` runs both in one process).
// Embedded defaults: the simulated provider waits ~250 ms before the first token, so the join comes first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startFakeRiver } from './support/fakeriver.mjs';
import { openChannel, orderedTokens, oneTo, within, WAIT_MS } from './support/channel.mjs';

const apiKey = process.env.MODELRIVER_API_KEY || 'mr_test_fakeriver_dev_key';
let river;

before(async () => { river = await startFakeRiver({ dev: true }); });
after(async () => { await river?.stop(); });

async function postJson(url, body, headers = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const text = await res.text();
  assert.equal(res.status, 200, `POST ${url} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

const chat = (body) => postJson(`${river.backendUrl}/chat`, body);

function connect(start, token = start.ws_token, joinPayload = {}) {
  return openChannel({ websocketUrl: start.websocket_url, token, topic: start.websocket_channel, joinPayload });
}

/** Tokens must be seq 1..N with no gap or duplicate; returns their text. */
function streamedText(tokens) {
  const { seqs, text } = orderedTokens(tokens);
  assert.ok(seqs.length > 0, 'no tokens were streamed');
  assert.deepEqual(seqs, oneTo(seqs.length), 'token seqs are not 1..N');
  return text;
}

test('event-driven chat: tokens, ai_generated, completed with the backend-enriched data, close 1000', async () => {
  const start = await chat({ message: 'Hello from node' });
  for (const field of ['channel_id', 'ws_token', 'websocket_url', 'websocket_channel', 'project_id']) {
    assert.equal(typeof start[field], 'string', `/chat answer lacks ${field}: ${JSON.stringify(start)}`);
  }
  const session = connect(start);
  try {
    await session.until((s) => s.joinReply, 'the join reply');
    assert.equal(session.joinReply.status, 'ok', `join refused: ${JSON.stringify(session.joinReply)}`);
    await session.until((s) => s.responses.some((r) => r.status === 'completed'), 'response completed');
    await session.until((s) => s.closes.length > 0, 'the server closing the socket');

    assert.deepEqual(session.responses.map((r) => r.status), ['ai_generated', 'completed']);
    const [generated, completed] = session.responses;
    assert.equal(generated.ai_response, undefined, 'ai_generated must not carry ai_response (contract 4.7)');
    assert.equal(generated.meta?.status, undefined, 'ai_generated must not carry meta.status (contract 4.7)');

    assert.equal(typeof completed.data?.id, 'string', `completed.data.id missing: ${JSON.stringify(completed)}`);
    assert.equal(completed.data.id, completed.task_id);
    const { id, conversation_id, ...generatedData } = completed.data;
    assert.equal(typeof conversation_id, 'string', 'the backend adds conversation_id to the callback data');
    assert.deepEqual(JSON.parse(streamedText(session.tokens)), generatedData);

    assert.equal(session.closes[0].code, 1000, `close code ${session.closes[0].code}`);
  } finally {
    await session.disconnect();
  }
});

test('standard chat: tokens, one response success with the streamed data, close 1000', async () => {
  const start = await chat({ message: 'Hello standard', workflow: 'mr_chatbot_standard', events: [] });
  const session = connect(start);
  try {
    await session.until((s) => s.joinReply, 'the join reply');
    assert.equal(session.joinReply.status, 'ok', `join refused: ${JSON.stringify(session.joinReply)}`);
    await session.until((s) => s.closes.length > 0, 'the server closing the socket');

    assert.deepEqual(session.responses.map((r) => r.status), ['success']);
    assert.deepEqual(session.responses[0].data, JSON.parse(streamedText(session.tokens)));
    assert.equal(session.closes[0].code, 1000, `close code ${session.closes[0].code}`);
  } finally {
    await session.disconnect();
  }
});

/** A raw upgrade with `token`: resolves with the HTTP status of a refused upgrade, or 101 when accepted. */
function upgradeStatus(websocketUrl, token) {
  const ws = new WebSocket(`${websocketUrl}/websocket?token=${encodeURIComponent(token)}&vsn=2.0.0`);
  return within(WAIT_MS, 'the raw upgrade answer', new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => { res.resume(); ws.terminate(); resolve(res.statusCode); });
    ws.once('open', () => { ws.close(); resolve(101); });
    ws.once('error', (error) => { if (ws.readyState !== WebSocket.CLOSED) reject(error); });
  }));
}

test('dropped connection: reconnect for a fresh token, rejoin with last_seq, no gap and no duplicate', async () => {
  const start = await chat({ message: 'Hello, flaky network' });
  const first = connect(start);
  let second;
  try {
    await first.until((s) => s.tokens.length >= 5, 'the first 5 tokens');
    // The network goes away: phoenix sees an abnormal close and retries with the same, now used, token.
    first.socket.conn.terminate();
    await first.until((s) => s.errors.length > 0, 'phoenix reporting the refused reconnect with the old token');
    await first.disconnect();
    assert.equal(await upgradeStatus(start.websocket_url, start.ws_token), 403, 'the used token must be refused');
    assert.equal(first.responses.some((r) => r.status === 'completed'), false, 'dropped too late: already completed');

    // What the SDK's reconnectWithBackend does: a fresh token from the gateway, rejoin where we left off.
    const lastSeq = Math.max(...first.tokens.map((t) => t.seq));
    const fresh = await postJson(`${river.url}/api/v1/ai/reconnect`, { channel_id: start.channel_id },
      { authorization: `Bearer ${apiKey}` });
    assert.notEqual(fresh.ws_token, start.ws_token);
    second = connect({ ...start, ...fresh }, fresh.ws_token, { last_seq: lastSeq });
    await second.until((s) => s.joinReply, 'the rejoin reply');
    assert.equal(second.joinReply.status, 'ok', `rejoin refused: ${JSON.stringify(second.joinReply)}`);
    await second.until((s) => s.responses.some((r) => r.status === 'completed'), 'response completed after rejoin');

    assert.ok(second.tokens.every((t) => t.seq > lastSeq), `replayed a token at or below last_seq ${lastSeq}`);
    const text = streamedText([...first.tokens, ...second.tokens]);
    const { id, conversation_id, ...data } = second.responses.at(-1).data;
    assert.deepEqual(JSON.parse(text), data);
    await second.until((s) => s.closes.length > 0, 'the server closing the rejoined socket');
    assert.equal(second.closes[0].code, 1000, `close code ${second.closes[0].code}`);
  } finally {
    await first.disconnect();
    await second?.disconnect();
  }
});
