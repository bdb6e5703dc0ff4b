// Proves FakeRiver's webhook signatures verify the way Node receivers verify them: the demo backend's
// HMAC(secret, ts + "." + JSON.stringify(body.data)) and the docs' HMAC over the raw body (contract 2.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { startFakeRiver } from './support/fakeriver.mjs';

const secret = 'whsec_node_interop_é';

// Raw JSON text on purpose: number spellings and escapes must reach FakeRiver as written, not as Node would print them.
const dataText = String.raw`{
  "text": "héllo 世界 😀 \"quoted\" back\\slash \u0001 \u001f new\nline tab\t ls\u2028ps\u2029 nbsp\u00a0 del\u007f lone\ud83d end",
  "numbers": [1e21, 1E+21, 1e-7, 1e-6, 0.1, -0, -0.0, 123456789012345678, 1.5, 1.0, 42, -17, 100e-2, 2e20, 5e-324],
  "nested": {"b": 1, "2": "two", "1": "one", "deeper": [[], {}, [{"x": null, "y": true, "z": false}]]},
  "empty": ""
}`;

function hmac(message) {
  return createHmac('sha256', secret).update(message).digest('hex');
}

function sameHex(actual, expected) {
  return typeof actual === 'string' && actual.length === expected.length
    && timingSafeEqual(Buffer.from(actual), Buffer.from(expected));
}

/** A receiver on a free loopback port that resolves with the first webhook it gets. */
async function startReceiver() {
  let resolveWebhook;
  const webhook = new Promise((resolve) => { resolveWebhook = resolve; });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
      resolveWebhook({ headers: req.headers, rawBody: Buffer.concat(chunks) });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/webhook/modelriver`, webhook, close: () => server.close() };
}

test('webhook signatures verify with JSON.stringify in Node', async (t) => {
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  // Signing caller-chosen data is off unless asked for (FakeRiver:Admin:AllowSignedSend).
  const fakeRiver = await startFakeRiver({ env: { WEBHOOK_SECRET: secret, FakeRiver__Admin__AllowSignedSend: 'true' } });
  t.after(() => fakeRiver.stop());

  const sent = await fetch(`${fakeRiver.url}/__admin/webhooks/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"url": ${JSON.stringify(receiver.url)}, "channel_id": "ch-node", "data": ${dataText}}`,
  });
  assert.equal(sent.status, 202, await sent.text());

  const { headers, rawBody } = await receiver.webhook;
  const raw = rawBody.toString('utf8');
  const body = JSON.parse(raw);
  const ts = headers['x-modelriver-timestamp'];
  const signedData = JSON.stringify(body.data);

  assert.match(ts, /^\d+$/);
  assert.equal(headers['mr-timestamp'], ts);
  assert.equal(headers['mr-channel-id'], 'ch-node');
  assert.ok(headers['x-modelriver-webhook-id']);
  assert.ok(sameHex(headers['x-modelriver-signature'], hmac(`${ts}.${signedData}`)), 'X-ModelRiver-Signature over ts.JSON.stringify(data)');
  assert.ok(sameHex(headers['mr-signature'], createHmac('sha256', secret).update(rawBody).digest('hex')), 'mr-signature over the raw body');
  // The docs' variant signs JSON.stringify(parsed body): it matches too because the whole body is JS-canonical.
  assert.equal(JSON.stringify(body), raw);
  // Same values as sent; -0 compared as JSON text because JSON.stringify prints it as 0.
  assert.equal(signedData, JSON.stringify(JSON.parse(dataText)));
  assert.ok(raw.includes(`"data":${signedData}`), 'the body carries data as JSON.stringify prints it');
  assert.equal(body.type, 'task.completed');
  assert.equal(body.channel_id, 'ch-node');
});
