// Issue 4 item 6: the scenario runner against a backend it did not write, in another process and language.
// `FakeRiver run --backend-cmd "node tests/backends/express/server.js"` starts the Express backend itself, plays
// FakeRiver on real loopback and real time, and must pass the scenarios; with BROKEN=skip-signature or
// BROKEN=no-callback-id exactly the scenarios that check those contract points must fail, with a message that says why,
// and with the example's unsafe habits (no timestamp check, trusting the callback URL, state in memory) exactly the
// four safety scenarios fail (issue 9 item 7; the restart scenario restarts the command's process).
// long-stream-heartbeats streams for about two minutes and needs 30 s heartbeats, which only virtual time makes
// quick: it says `requires: [virtual_time]`, so on real time the runner reports it skipped (table, JUnit <skipped>,
// exit code 0) instead of failing the backend. Needs `dotnet build` and `npm ci` in tests/backends/express (.ci/run does both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './support/fakeriver.mjs';
import { expressDir } from './support/express-backend.mjs';

const dll = path.join(repoRoot, 'src', 'FakeRiver.Tool', 'bin', 'Debug', 'net10.0', 'FakeRiver.Tool.dll');
const scenarioDir = path.join(repoRoot, 'scenarios');
const backendCmd = 'node tests/backends/express/server.js';
const allScenarios = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
const work = mkdtempSync(path.join(tmpdir(), 'runner-backend-cmd-'));

process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** A folder holding only the named scenarios (the runner takes a folder; --filter takes one substring). */
function subset(name, scenarios) {
  const dir = path.join(work, name);
  mkdirSync(dir);
  for (const s of scenarios) copyFileSync(path.join(scenarioDir, `${s}.yaml`), path.join(dir, `${s}.yaml`));
  return dir;
}

/**
 * Runs the CLI; resolves with its exit code, output, the parsed JUnit verdicts {name: failureMessage|null} and the
 * skipped scenarios {name: reason}.
 */
function runRunner(name, args, env = {}) {
  const junit = path.join(work, `${name}.xml`);
  return new Promise((resolve, reject) => {
    const child = spawn('dotnet', [dll, 'run', ...args, '--junit', junit], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => { output = (output + chunk).slice(-20000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => {
      const xml = existsSync(junit) ? readFileSync(junit, 'utf8') : '';
      resolve({ code, output, verdicts: parseJUnit(xml), skipped: parseSkipped(xml) });
    });
  });
}

function parseJUnit(xml) {
  const verdicts = {};
  for (const m of xml.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    // The message attribute holds the first failure only; the element's text lists them all.
    const failure = m[3]?.match(/<failure [^>]*>([\s\S]*?)<\/failure>/);
    verdicts[m[1]] = failure ? failure[1].replaceAll('&gt;', '>').replaceAll('&lt;', '<').replaceAll('&quot;', '"').replaceAll('&amp;', '&') : null;
  }
  return verdicts;
}

function parseSkipped(xml) {
  const skipped = {};
  for (const m of xml.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*>\s*<skipped message="([^"]*)"/g)) skipped[m[1]] = m[2];
  return skipped;
}

const failed = (verdicts) => Object.keys(verdicts).filter((n) => verdicts[n] !== null).sort();

test('the runner starts the Express backend itself; scenarios pass, and its BROKEN variants fail exactly where expected', { timeout: 300_000 }, async (t) => {
  assert.ok(existsSync(dll), `FakeRiver is not built (${dll} missing): run dotnet build first`);
  assert.ok(existsSync(path.join(expressDir, 'node_modules', 'express')), `run \`npm ci\` in ${expressDir}`);

  const needVirtualTime = allScenarios.filter((s) => /^requires:.*virtual_time/m.test(readFileSync(path.join(scenarioDir, `${s}.yaml`), 'utf8')));
  assert.ok(needVirtualTime.includes('long-stream-heartbeats'), 'long-stream-heartbeats declares requires: [virtual_time]');
  const eventDriven = ['callback-timeout', 'failover-mid-stream-event-driven', 'happy-event-driven', 'no-join-webhook-only',
    'webhook-bad-signature', 'webhook-duplicate-delivery', 'webhook-wrong-secret', 'happy-standard'];
  const safety = ['webhook-forged-callback-url', 'webhook-redelivery-after-restart', 'webhook-replayed-channel-id', 'webhook-stale-timestamp'];
  // The three runs mostly wait on real time, so they share the machine well; the short fourth one waits for them,
  // so a loaded machine never has four real-time runs at once.
  const [good, skipSignature, noCallbackId] = await Promise.all([
    runRunner('good', [scenarioDir, '--backend-cmd', backendCmd]),
    runRunner('skip-signature', [scenarioDir, '--filter', 'webhook-', '--backend-cmd', backendCmd], { BROKEN: 'skip-signature' }),
    runRunner('no-callback-id', [subset('no-callback-id', eventDriven), '--backend-cmd', backendCmd], { BROKEN: 'no-callback-id' }),
  ]);
  const unsafe = await runRunner('unsafe', [subset('unsafe', safety), '--backend-cmd', backendCmd],
    { BROKEN: 'no-timestamp-check,trust-callback-url,no-persist' });

  await t.test('the good backend passes every scenario run on real time; those needing virtual time are skipped', () => {
    assert.deepEqual(Object.keys(good.verdicts).sort(), [...allScenarios].sort(), good.output);
    assert.deepEqual(failed(good.verdicts), [], good.output);
    assert.deepEqual(Object.keys(good.skipped).sort(), [...needVirtualTime].sort(), good.output);
    for (const reason of Object.values(good.skipped)) assert.match(reason, /needs virtual time/);
    assert.match(good.output, /long-stream-heartbeats\s*│\s*skip/, good.output);
    assert.match(good.output, new RegExp(`${allScenarios.length - needVirtualTime.length} passed, 0 failed, ${needVirtualTime.length} skipped`));
    assert.equal(good.code, 0, good.output);
  });

  await t.test('BROKEN=skip-signature fails the two signature scenarios, on the backend\'s 200', () => {
    assert.ok(Object.keys(skipSignature.verdicts).length >= 6, skipSignature.output);
    assert.deepEqual(failed(skipSignature.verdicts), ['webhook-bad-signature', 'webhook-wrong-secret'], skipSignature.output);
    for (const name of failed(skipSignature.verdicts)) {
      assert.match(skipSignature.verdicts[name], /backend answers to each attempt/, name);
    }
    assert.equal(skipSignature.code, 1);
  });

  await t.test('BROKEN=no-callback-id fails the scenarios that expect id and conversation_id in the callback', () => {
    assert.deepEqual(Object.keys(noCallbackId.verdicts).sort(), [...eventDriven].sort(), noCallbackId.output);
    assert.deepEqual(failed(noCallbackId.verdicts),
      ['failover-mid-stream-event-driven', 'happy-event-driven', 'webhook-bad-signature'], noCallbackId.output);
    for (const name of failed(noCallbackId.verdicts)) {
      assert.match(noCallbackId.verdicts[name], /callback data carries the key at \$\.data\.id: expected id, got \(missing\)/, name);
    }
    assert.equal(noCallbackId.code, 1);
  });

  await t.test('the example\'s unsafe habits fail exactly the four safety scenarios, each for its own reason', () => {
    assert.deepEqual(failed(unsafe.verdicts), safety, unsafe.output);
    assert.match(unsafe.verdicts['webhook-forged-callback-url'], /requests carrying the API key to the forged callback URL at \$: expected 0, got 1/);
    assert.match(unsafe.verdicts['webhook-replayed-channel-id'], /callbacks received at \$: expected 1, got 2/);
    assert.match(unsafe.verdicts['webhook-redelivery-after-restart'], /callbacks received at \$: expected 1, got 2/);
    assert.match(unsafe.verdicts['webhook-stale-timestamp'], /backend answers to each attempt \(0 = no answer\) at \$: expected \[401, 200\], got \[200\]/);
    assert.equal(unsafe.code, 1);
  });
});

test('a backend command that never comes up, or a --backend nobody serves, is bad input (exit 2)', { timeout: 60_000 }, async () => {
  const dead = await runRunner('dead-cmd', [scenarioDir, '--filter', 'happy-standard', '--backend-cmd', 'echo starting; exit 3']);
  assert.equal(dead.code, 2, dead.output);
  assert.match(dead.output, /backend command 'echo starting; exit 3' exited \(3\) before answering/);
  assert.match(dead.output, /starting/);

  const nobody = await runRunner('nobody', [scenarioDir, '--filter', 'happy-standard', '--backend', 'http://127.0.0.1:9']);
  assert.equal(nobody.code, 2, nobody.output);
  assert.match(nobody.output, /the backend at http:\/\/127\.0\.0\.1:9\/ does not answer HTTP/);

  const remote = await runRunner('remote', [scenarioDir, '--backend', 'http://example.com']);
  assert.equal(remote.code, 2, remote.output);
  assert.match(remote.output, /--backend expects an http URL on 127\.0\.0\.1 or localhost/);
});
