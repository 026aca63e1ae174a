import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The real server for the apps' browser tests (tablet-app/e2e, admin-app/e2e import this file by path: node
 * built-ins only, no server code): `server/src/main.ts` under tsx on a fresh SQLite file, with the demo seed and
 * the test hooks, on free ports of 127.0.0.1.
 */
export interface E2eServer {
  url: string;
  adminPassword: string;
  /** The demo staff account (role staff), when the server printed it. */
  staff: { username: string; password: string } | null;
  /** With `SEED_DEMO=false` on a blank database: the setup page's link the start banner printed (else null). */
  setupLink: string | null;
  output: () => string;
  stop: () => Promise<void>;
}

const SERVER_DIR = resolve(import.meta.dirname, '../..');

/** Debian's Chromium, as every browser test here launches it (never a downloaded browser). */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
    srv.on('error', fail);
  });
}

/**
 * Starts the server with `env` on top of the test defaults, and waits for /healthz and the printed passwords (or,
 * with `SEED_DEMO=false`, the printed setup link).
 */
export async function startE2eServer(input: { name: string; env?: Record<string, string> }): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), `hiorder-${input.name}-e2e-`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const child: ChildProcess = spawn(join(SERVER_DIR, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      SANDBOX_PORT: String(await freePort()),
      DATABASE_URL: `sqlite://${join(dir, 'e2e.db')}`,
      DATA_DIR: dir,
      SEED_DEMO: 'true',
      TEST_HOOKS: 'true',
      LOG_LEVEL: 'warn',
      ...input.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    const setupLink = /set yours up at\s+(\S+)/.exec(out)?.[1] ?? null;
    const password = setupLink ? '' : (process.env.HIORDER_ADMIN_PASSWORD ?? findPassword(out));
    if (healthy && password !== null) {
      const staff = /Demo staff:\s+username "([^"]+)", password "([^"]+)"/.exec(out);
      return {
        url,
        adminPassword: password,
        staff: staff?.[1] && staff[2] ? { username: staff[1], password: staff[2] } : null,
        setupLink,
        output: () => out,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready (healthy=${healthy}, password found=${Boolean(password)}):\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The admin password as the server prints it: a plain line or a pino JSON field. */
export function findPassword(out: string): string | null {
  const printed = /Demo admin:.*password "([^"]+)"/.exec(out);
  if (printed?.[1]) return printed[1];
  for (const line of out.split('\n')) {
    if (!/password/i.test(line)) continue;
    try {
      const json = JSON.parse(line) as Record<string, unknown>;
      for (const key of ['adminPassword', 'password']) if (typeof json[key] === 'string') return json[key];
      const msg = typeof json.msg === 'string' ? json.msg : '';
      const m = /password[^:=]*[:=]\s*"?([^\s",]+)/i.exec(msg);
      if (m?.[1]) return m[1];
    } catch {
      // a plain line
    }
    const m = /password[^:=]*[:=]\s*"?([^\s",]+)/i.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
    if (m?.[1]) return m[1];
  }
  return null;
}
