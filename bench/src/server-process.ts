import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleProcess, type ProcessSample } from './machine';

/**
 * One hiorder server as a child process (`node server/dist/main.js`, what `pnpm start` runs), so its RSS and CPU
 * are its own and not the load generator's. It runs in production mode with the
 * demo seed and a known admin password, on a free port of 127.0.0.1.
 */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak RSS and CPU time between `markPhase()` and `phaseUsage()`. */
  markPhase(): void;
  phaseUsage(): PhaseUsage;
  stop(): Promise<void>;
}

/** What one server process used during a phase: CPU share of one core, CPU time, peak and current RSS. */
export interface PhaseUsage {
  cpuPercent: number;
  cpuSeconds: number;
  peakRssMb: number;
  rssMb: number;
}

export interface ServerProcessOptions {
  serverDir: string;
  databaseUrl: string;
  adminPassword: string;
  jwtSecret: string;
  extraEnv?: Record<string, string>;
  /** Writes a V8 CPU profile into this folder when the server exits. */
  cpuProfileDir?: string;
  /** Whether this instance seeds the demo store (only the first of several). */
  seed: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'hiorder-bench-data-'));
  // The production bundle (server/dist, built here: ~0.1 s) as `pnpm start` runs it, so RSS and CPU are those of a
  // real deployment. A CPU profile runs the TypeScript sources with tsx instead: its frames then name our files.
  const nodeArgs = options.cpuProfileDir
    ? ['--import', 'tsx', '--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`, 'src/main.ts']
    : ['--enable-source-maps', 'dist/main.js'];
  if (!options.cpuProfileDir) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: options.serverDir, stdio: 'inherit' });
  const child: ChildProcess = spawn(process.execPath, nodeArgs, {
    cwd: options.serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: options.jwtSecret,
      HOST: '127.0.0.1',
      PORT: String(port),
      SANDBOX_PORT: '0',
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: dataDir,
      SEED_DEMO: options.seed ? 'true' : 'false',
      SEED_ADMIN_PASSWORD: options.adminPassword,
      LOG_LEVEL: 'warn',
      ...options.extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output.slice(-3000)}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('hiorder is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    // Warnings and errors from pino go here; keep the tail for the failure message and the report.
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
  // Readiness banner printed; the HTTP listener is up before it.
  const pid = child.pid as number;
  let phaseStart: ProcessSample | null = null;
  let peakRss = 0;
  const sampler = setInterval(() => {
    const sample = sampleProcess(pid);
    if (sample) peakRss = Math.max(peakRss, sample.rssBytes);
  }, 250);
  sampler.unref();
  return {
    url,
    pid,
    markPhase() {
      phaseStart = sampleProcess(pid);
      peakRss = phaseStart?.rssBytes ?? 0;
    },
    phaseUsage() {
      const now = sampleProcess(pid);
      if (!now || !phaseStart) return { cpuPercent: Number.NaN, cpuSeconds: Number.NaN, peakRssMb: Number.NaN, rssMb: Number.NaN };
      const seconds = (now.at - phaseStart.at) / 1000;
      return {
        cpuPercent: ((now.cpuSeconds - phaseStart.cpuSeconds) / seconds) * 100,
        cpuSeconds: now.cpuSeconds - phaseStart.cpuSeconds,
        peakRssMb: Math.max(peakRss, now.rssBytes) / 2 ** 20,
        rssMb: now.rssBytes / 2 ** 20,
      };
    },
    async stop() {
      clearInterval(sampler);
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 25_000);
        await exited;
        clearTimeout(force);
      }
      rmSync(dataDir, { recursive: true, force: true });
      // The tail of the server's warnings and errors, for a run whose table shows INTERNAL errors.
      if (process.env.BENCH_SERVER_LOG_DIR) writeFileSync(join(process.env.BENCH_SERVER_LOG_DIR, `server-${pid}.log`), output);
    },
  };
}

export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}

/** The server's `hiorder_db_statements_total` (from this machine, /metrics needs no token). */
export async function databaseStatementsSent(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = /^hiorder_db_statements_total (\d+)$/m.exec(text);
  if (!line) throw new Error('the server reports no hiorder_db_statements_total');
  return Number(line[1]);
}
