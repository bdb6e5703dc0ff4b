// The README's "Program FakeRiver while it runs" example, from Node with fetch, against `fakeriver serve` with no
// key configured (open keys): two suites, each with its own mr_test_ key, program faults and read their own journal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeRiver } from './support/fakeriver.mjs';
import { openChannel, WAIT_MS } from './support/channel.mjs';

let river;
// A workflow file with instant providers and a backup, so a faulted primary fails over at once.
const workflow = {
  name: 'suite_flow',
  text_tokens: 4,
  providers: [{ provider: 'openai', model: 'gpt-4o-mini' }, { provider: 'anthropic', model: 'claude-backup' }],
};

before(async () => {
  // No MODELRIVER_API_KEY: serve turns open keys on.
  const env = { MODELRIVER_API_KEY: '' };
  river = await startFakeRiver({ env });
});
after(async () => { await river?.stop(); });

const scoped = (key) => ({ 'X-FakeRiver-Project': key, 'Content-Type': 'application/json' });

async function call(method, path, { headers = {}, body } = {}) {
  const res = await fetch(`${river.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function startRequest(key) {
  const res = await call('POST', '/v1/ai/async', {
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: { workflow: 'suite_flow', messages: [{ role: 'user', content: 'Hi' }] },
  });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json;
}

/** Joins the request's channel, as a browser would, and resolves with its final `response`. */
async function finalResponse(start) {
  const session = openChannel({ websocketUrl: start.websocket_url, token: start.ws_token, topic: start.websocket_channel });
  try {
    await session.until((s) => s.responses.length > 0, `the final response of ${start.channel_id}`);
    return session.responses.at(-1);
  } finally {
    session.disconnect();
  }
}

test('two suites program their own workflow and faults and see only their own requests', async () => {
  const alpha = 'mr_test_node_alpha';
  const beta = 'mr_test_node_beta';
  for (const key of [alpha, beta]) {
    const put = await call('PUT', '/__admin/workflows/suite_flow', { headers: scoped(key), body: workflow });
    assert.equal(put.status, 200, JSON.stringify(put.json));
  }
  const fault = await call('POST', '/__admin/faults', {
    headers: scoped(alpha),
    body: { workflow: 'suite_flow', times: 2, provider: { status: 503 } },
  });
  assert.equal(fault.status, 201, JSON.stringify(fault.json));

  const runs = [];
  for (const key of [alpha, beta, alpha, beta, alpha]) runs.push({ key, start: await startRequest(key) });
  assert.notEqual(runs[0].start.project_id, runs[1].start.project_id);

  const attemptsOf = async ({ start }) => (await finalResponse(start)).meta.attempts.length;
  assert.deepEqual(await Promise.all(runs.map(attemptsOf)), [2, 1, 2, 1, 1], 'the fault hit exactly the next two alpha requests');

  const own = await call('GET', '/__admin/requests', { headers: scoped(beta) });
  assert.deepEqual(
    own.json.requests.map((r) => r.channel_id).sort(),
    runs.filter((r) => r.key === beta).map((r) => r.start.channel_id).sort());
  assert.deepEqual((await call('GET', '/__admin/faults', { headers: scoped(alpha) })).json.faults, []);

  const reset = await call('POST', '/__admin/reset', { headers: scoped(alpha), body: {} });
  assert.equal(reset.status, 200);
  assert.equal((await call('GET', '/__admin/requests', { headers: scoped(alpha) })).json.requests.length, 0);
  assert.equal((await call('GET', '/__admin/requests', { headers: scoped(beta) })).json.requests.length, 2);
});
