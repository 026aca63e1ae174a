import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The test Redis (127.0.0.1:6379, started by CI and on developer machines; another one with TEST_REDIS_URL). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Its port, read from the URL: a test that restarts Redis starts it where the others look for it. */
const TEST_REDIS_PORT = new URL(TEST_REDIS_URL).port || '6379';

/** A queue prefix of its own for one test file, so files and runs never see each other's jobs. */
export function uniqueQueuePrefix(name: string): string {
  return `t-${name}-${randomBytes(4).toString('hex')}`;
}

function ping(): boolean {
  try {
    return (
      execFileSync('redis-cli', ['-u', TEST_REDIS_URL, 'ping'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() === 'PONG'
    );
  } catch {
    return false;
  }
}

/** Stops Redis without saving (as a crash would). */
export function stopRedis(): void {
  try {
    execFileSync('redis-cli', ['-u', TEST_REDIS_URL, 'shutdown', 'nosave'], { stdio: 'ignore' });
  } catch {
    // `shutdown` closes the connection before answering: that is success.
  }
}

/**
 * Kills Redis with SIGKILL, as the kernel's OOM killer or a crashed node would: no shutdown, no save, its
 * memory (the queued jobs) gone. Waits until it no longer answers.
 */
export async function killRedis(): Promise<void> {
  const info = execFileSync('redis-cli', ['-u', TEST_REDIS_URL, 'info', 'server'], { encoding: 'utf8' });
  const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
  if (!pid) throw new Error(`no process_id in Redis's INFO: ${info.slice(0, 200)}`);
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && ping(); i++) await new Promise((r) => setTimeout(r, 50));
  if (ping()) throw new Error(`Redis (pid ${pid}) still answers after SIGKILL`);
}

/** Starts Redis again the way CI does (no persistence), if it is not running; waits until it answers. */
export async function ensureRedisRunning(): Promise<void> {
  if (ping()) return;
  execFileSync('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '-::1',
    '--port',
    TEST_REDIS_PORT,
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    '/var/lib/redis',
    '--logfile',
    '/var/log/redis/ci.log',
  ]);
  for (let i = 0; i < 100 && !ping(); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
