// Starts tests/backends/express/server.js (a customer's backend the harness did not write) as a child process on a
// free loopback port. Its dependencies are its own: `npm ci` in tests/backends/express first (.ci/run does it).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot } from './fakeriver.mjs';

export const expressDir = path.join(repoRoot, 'tests', 'backends', 'express');
const startTimeoutMs = 15_000;

/**
 * Spawns `node tests/backends/express/server.js` with PORT and BACKEND_PUBLIC_URL set and `env` added, and resolves
 * once it prints its "listening" line. Returns `{ url, stop(), output() }`.
 */
export async function startExpressBackend({ env = {} } = {}) {
  if (!existsSync(path.join(expressDir, 'node_modules', 'express'))) {
    throw new Error(`express is not installed: run \`npm ci\` in ${expressDir}`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(expressDir, 'server.js')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BACKEND_PUBLIC_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the tail of its output so a failed start or a failed test explains itself.
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const listening = new Promise((resolve, reject) => {
    const keep = (chunk) => {
      output = (output + chunk).slice(-8000);
      if (output.includes('listening on')) resolve();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    exited.then(({ code, signal }) => reject(new Error(`express backend exited (${code ?? signal}) before listening:\n${output}`)));
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`express backend did not listen within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
  });
  try {
    await Promise.race([listening, timeout]);
  } catch (err) {
    await stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  return { url, stop, output: () => output };
}
