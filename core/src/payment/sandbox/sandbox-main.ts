/**
 * Runs the sandbox provider on its own (`tsx src/payment/sandbox/sandbox-main.ts`), for tests that kill and
 * restart the server while payments must survive, and as the shared sandbox of several instances (compose). Env:
 * SANDBOX_PORT, SANDBOX_HOST (127.0.0.1; 0.0.0.0 in a container), SANDBOX_SECRET_KEY, SANDBOX_HANG_MS,
 * SANDBOX_LATE_MS. Prints `sandbox listening <url>`.
 */
import { SandboxProvider } from './sandbox-provider';

const sandbox = new SandboxProvider({
  secretKey: process.env.SANDBOX_SECRET_KEY ?? 'test_sk_sandbox',
  hangMs: Number(process.env.SANDBOX_HANG_MS ?? 30_000),
  lateMs: Number(process.env.SANDBOX_LATE_MS ?? 8_000),
});
const url = await sandbox.listen(Number(process.env.SANDBOX_PORT ?? 8081), process.env.SANDBOX_HOST ?? '127.0.0.1');
process.stdout.write(`sandbox listening ${url}\n`);
process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
