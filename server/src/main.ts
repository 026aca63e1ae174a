import { loadEnv } from './env';
import { createLogger } from '@hiorder/core/logger';
import { shutDownGracefully } from './ops/graceful-shutdown';
import { pairingCodeForFirstTable, setupLinkIfNeeded, startServer } from './start-server';

/** `pnpm start`: one whole store on this machine. */
const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
const server = await startServer({ env, logger });
const base = server.app.deps.publicUrl;
const setupLink = await setupLinkIfNeeded(server);
const pairing = setupLink ? null : await pairingCodeForFirstTable(server);
const lines = [
  '',
  `  hiorder is running (${env.DATABASE_URL.startsWith('sqlite') ? 'embedded SQLite' : 'PostgreSQL'}, ${env.REDIS_URL ? 'Redis' : 'no Redis'})`,
  '',
  `  Tablet app       ${base}/tablet/`,
  `  Admin app        ${base}/admin/`,
  `  Kitchen display  ${base}/kitchen/`,
  `  API (OpenAPI)    ${base}/api/openapi.json`,
  `  Payment sandbox  ${server.app.deps.sandboxUrl ?? 'Toss Payments'}`,
  '',
  ...(server.lanHost
    ? [
        `  ${server.lanHost} is this machine's address on the local network: a tablet or phone on the same Wi-Fi`,
        '  can open these links and pairing QR codes (set PUBLIC_URL to use another address or an https:// one;',
        "  offline mode needs https or localhost, browsers' rule for service workers).",
        '',
      ]
    : []),
  ...(setupLink
    ? [
        `  No store yet: set yours up at  ${setupLink}`,
        '  (store name, time zone, hours, your admin account and tables; the link works until a store exists)',
      ]
    : []),
  ...(pairing ? [`  Pairing code for table 1: ${pairing.code}   (or open ${pairing.url})`] : []),
  ...(server.seed
    ? [
        `  Demo admin:  username "${server.seed.adminUsername}", password "${server.seed.adminPassword}"  (shown once: keep it)`,
        `  Demo staff:  username "${server.seed.staffUsername}", password "${server.seed.staffPassword}"`,
      ]
    : []),
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: env.SHUTDOWN_GRACE_MS }, 'shutting down: draining placements, flushing the outbox');
    shutDownGracefully(server, { graceMs: env.SHUTDOWN_GRACE_MS, logger }).then(
      (clean) => {
        if (!clean) logger.warn('shutdown: grace period ran out; exiting anyway (the outbox and reconciliation cover the rest)');
        process.exit(clean ? 0 : 1);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
