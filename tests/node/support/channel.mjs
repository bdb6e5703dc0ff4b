// A browser-like client of FakeRiver's Phoenix channel, built on the official `phoenix` package the way the
// @modelriver/client SDK uses it (contract 4): Socket(websocket_url, {params: {token}}), join websocket_channel,
// listen to `response` (plus FakeRiver's `tokens`/`status` extension). Records everything; tests await conditions.
import { Socket } from 'phoenix';
import WebSocket from 'ws';

/** Resolves `promise`, or rejects after `ms` with `what` in the message, so no test waits forever. */
export function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const WAIT_MS = 15_000;

/**
 * Connects and joins. Returns a session with the recorded `tokens`, `statuses`, `responses`, `errors`, `closes`
 * (close events of the underlying WebSocket), `joinReply`, plus `until(predicate, what)` and `disconnect()`.
 */
export function openChannel({ websocketUrl, token, topic, joinPayload = {} }) {
  // Node 20 has no global WebSocket: without `transport` phoenix silently falls back to long-polling.
  const socket = new Socket(websocketUrl, { transport: WebSocket, params: { token } });
  const session = { socket, tokens: [], statuses: [], responses: [], errors: [], closes: [], joinReply: undefined };
  const waiters = new Set();
  const changed = () => {
    for (const waiter of waiters) {
      if (waiter.predicate(session)) { waiters.delete(waiter); waiter.resolve(session); }
    }
  };

  socket.onError((error) => { session.errors.push(error); changed(); });
  socket.onClose((event) => { session.closes.push({ code: event?.code, reason: String(event?.reason ?? '') }); changed(); });
  socket.connect();

  const channel = socket.channel(topic, joinPayload);
  session.channel = channel;
  channel.on('tokens', (payload) => { session.tokens.push(payload); changed(); });
  channel.on('status', (payload) => { session.statuses.push(payload); changed(); });
  channel.on('response', (payload) => { session.responses.push(payload); changed(); });
  channel.join()
    .receive('ok', (response) => { session.joinReply ??= { status: 'ok', response }; changed(); })
    .receive('error', (response) => { session.joinReply ??= { status: 'error', response }; changed(); })
    .receive('timeout', () => { session.joinReply ??= { status: 'timeout' }; changed(); });

  /** Waits (bounded) until `predicate(session)` holds; `what` names the condition in the timeout message. */
  session.until = (predicate, what, ms = WAIT_MS) => {
    if (predicate(session)) return Promise.resolve(session);
    const waiter = { predicate };
    const promise = new Promise((resolve) => { waiter.resolve = resolve; waiters.add(waiter); });
    return within(ms, what, promise).finally(() => waiters.delete(waiter))
      .catch((error) => { throw new Error(`${error.message}; seen: ${describe(session)}`); });
  };

  /** Stops phoenix for good (no reconnect timer left behind) and waits until the WebSocket is closed. */
  session.disconnect = () => within(WAIT_MS, 'phoenix disconnect', new Promise((resolve) => socket.disconnect(resolve)));
  return session;
}

function describe(s) {
  return JSON.stringify({
    join: s.joinReply, tokens: s.tokens.length, statuses: s.statuses.map((x) => x.status),
    responses: s.responses.map((x) => x.status), errors: s.errors.length, closes: s.closes,
  });
}

/** The tokens' deltas ordered by `seq`, and the seqs themselves (to check 1..N without gaps or duplicates). */
export function orderedTokens(tokens) {
  const sorted = [...tokens].sort((a, b) => a.seq - b.seq);
  return { seqs: sorted.map((t) => t.seq), text: sorted.map((t) => t.delta).join('') };
}

/** 1..n */
export function oneTo(n) {
  return Array.from({ length: n }, (_, i) => i + 1);
}
