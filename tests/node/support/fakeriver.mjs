// Starts the built FakeRiver (bin/Debug) as a child process on a free loopback port, for interop tests that need
// real HTTP between Node and FakeRiver. Build first: `dotnet build Harness.sln`.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dll = path.join(repoRoot, 'src', 'FakeRiver.Tool', 'bin', 'Debug', 'net10.0', 'FakeRiver.Tool.dll');

/** A port the OS just handed out on 127.0.0.1 (closed again, so a short race is possible but rare). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `dotnet FakeRiver.dll --urls http://127.0.0.1:<port> ...args` with `env` added to the environment and
 * resolves once it answers HTTP. Returns `{ url, stop(), output() }`.
 *
 * With `dev: true` it runs `FakeRiver.dll dev` instead: FakeRiver plus ChatBackend in one process, the backend on
 * `PORT` (another free port). It then waits for both and also returns `backendUrl`.
 */
export async function startFakeRiver({ env = {}, args = [], dev = false } = {}) {
  if (!existsSync(dll)) throw new Error(`FakeRiver is not built (${dll} missing): run dotnet build first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const backendPort = dev ? await freePort() : undefined;
  const backendUrl = dev ? `http://127.0.0.1:${backendPort}` : undefined;
  const childEnv = { ...process.env, ...env };
  if (dev) {
    childEnv.PORT = String(backendPort);
    // A BACKEND_PUBLIC_URL or PORT inherited from the shell would send webhooks somewhere else.
    childEnv.BACKEND_PUBLIC_URL = env.BACKEND_PUBLIC_URL ?? backendUrl;
    // ChatBackend keeps its state in SQLite: a file of this run's own, not chatbackend.db in the repository.
    childEnv.CHATBACKEND_DB = env.CHATBACKEND_DB ?? path.join(tmpdir(), `fakeriver-dev-${backendPort}-${process.pid}.db`);
    if (!env.CHATBACKEND_DB) process.once('exit', () => { for (const suffix of ['', '-wal', '-shm']) rmSync(childEnv.CHATBACKEND_DB + suffix, { force: true }); });
  }
  const child = spawn('dotnet', [dll, ...(dev ? ['dev'] : []), '--urls', url, ...args], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the tail of its output so a failed start explains itself.
  let output = '';
  const keep = (chunk) => { output = (output + chunk).slice(-4000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  // Readiness probes: FakeRiver's admin journal, and in dev mode the backend's health route as well.
  const probes = [`${url}/__admin/webhooks`, ...(dev ? [`${backendUrl}/health`] : [])];
  const answers = async (probe) => {
    try {
      const res = await fetch(probe, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return true; // any HTTP answer means it listens (as before); tests assert on the status themselves
    } catch {
      return false;
    }
  };
  let pending = probes;
  for (let tries = 0; tries < 150; tries++) {
    // An unhandled .NET exception aborts (SIGABRT): exitCode stays null then, signalCode is set.
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`FakeRiver exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    }
    const results = await Promise.all(pending.map(answers));
    pending = pending.filter((_, i) => !results[i]);
    if (pending.length === 0) return { url, backendUrl, stop, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`FakeRiver did not answer on ${pending.join(', ')} within 150 tries:\n${output}`);
}
