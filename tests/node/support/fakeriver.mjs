// Starts the built FakeRiver (bin/Debug) as a child process on a free loopback port, for interop tests that need
// real HTTP between Node and FakeRiver. Build first: `dotnet build Harness.sln`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dll = path.join(repoRoot, 'src', 'FakeRiver', 'bin', 'Debug', 'net10.0', 'FakeRiver.dll');

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
 * resolves once it answers HTTP. Returns `{ url, stop() }`.
 */
export async function startFakeRiver({ env = {}, args = [] } = {}) {
  if (!existsSync(dll)) throw new Error(`FakeRiver is not built (${dll} missing): run dotnet build first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('dotnet', [dll, '--urls', url, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
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

  for (let tries = 0; tries < 150; tries++) {
    if (child.exitCode !== null) throw new Error(`FakeRiver exited with ${child.exitCode} before answering:\n${output}`);
    try {
      await fetch(`${url}/__admin/webhooks`);
      return { url, stop, output: () => output };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new Error(`FakeRiver did not answer on ${url} within 15 s:\n${output}`);
}
