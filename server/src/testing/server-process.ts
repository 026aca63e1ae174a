import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './wait';

/**
 * Runs the real entry points (`src/main.ts`, `src/migrate.ts`, the standalone sandbox, the workers' `main.ts`) as
 * child processes, the way compose and Kubernetes run them: for tests that need several instances, signals
 * or crashes. Output is kept (last 20 kB) for the failure message.
 */
const SERVER_DIR = resolve(import.meta.dirname, '../..');
const WORKERS_DIR = resolve(SERVER_DIR, '../workers');

export interface ChildService {
  child: ChildProcess;
  /** Output so far (stdout and stderr, the tail). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends a signal and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

export function spawnService(entry: string, env: Record<string, string>, cwd = SERVER_DIR): ChildService {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The standalone sandbox provider on a free port; resolves with its URL. */
export async function startSandboxProcess(env: Record<string, string> = {}): Promise<{ service: ChildService; url: string }> {
  const service = spawnService('../core/src/payment/sandbox/sandbox-main.ts', { SANDBOX_PORT: '0', ...env });
  const url = await waitFor('the sandbox', async () => /sandbox listening (\S+)/.exec(service.output())?.[1], 60_000, service);
  return { service, url: url.replace('localhost', '127.0.0.1') };
}

/** `src/migrate.ts` once; rejects unless it exits 0. */
export async function runMigrateProcess(env: Record<string, string>): Promise<string> {
  const service = spawnService('src/migrate.ts', env);
  const code = await service.exited;
  if (code !== 0) throw new Error(`migrate exited ${code}:\n${service.output()}`);
  return service.output();
}

/**
 * One server instance (`src/main.ts`) on a port the system gives it (PORT=0, read back from its banner), resolved
 * once `/readyz` answers 200. A port picked beforehand could be taken in between by any outgoing connection of
 * this busy machine (it happened: EADDRINUSE on a random port in the ephemeral range).
 */
export async function startServerProcess(env: Record<string, string>): Promise<{ service: ChildService; url: string }> {
  const service = spawnService('src/main.ts', { HOST: '127.0.0.1', PORT: '0', ...env });
  const port = await waitFor(
    'the server to print its address',
    async () => {
      if (service.child.exitCode !== null) throw new Error(`exited ${service.child.exitCode}`);
      return /Tablet app\s+https?:\/\/[^:/]+:(\d+)\//.exec(service.output())?.[1];
    },
    60_000,
    service,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `server on ${port}`,
    async () => {
      if (service.child.exitCode !== null) throw new Error(`exited ${service.child.exitCode}`);
      return (await fetch(`${url}/readyz`)).status === 200 ? true : undefined;
    },
    60_000,
    service,
  );
  return { service, url };
}

/** One `pnpm workers` process (BullMQ events and scheduled jobs). */
export function startWorkerProcess(env: Record<string, string>): ChildService {
  return spawnService('src/main.ts', env, WORKERS_DIR);
}
