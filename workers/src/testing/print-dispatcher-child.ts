/**
 * Test fixture run as a child process by `print-crash.test.ts`: the workers' print dispatcher on the test's
 * database, so the parent can kill -9 it while it waits on a printer in the middle of the queue. Prints
 * `ready` on stdout once it runs.
 */
import { openDatabase } from '@hiorder/core/db';
import { escposSender, PrintDispatcher } from '@hiorder/core/printing';
import { pino } from 'pino';

const timeoutMs = Number(process.env.PRINTER_TIMEOUT_MS ?? 2000);
const orm = await openDatabase({ databaseUrl: process.env.DATABASE_URL as string, migrate: false });
const dispatcher = new PrintDispatcher(orm, {
  send: escposSender(timeoutMs),
  printerTimeoutMs: timeoutMs,
  retryMs: 50,
  pollMs: 50,
  logger: pino({ level: 'silent' }),
});
dispatcher.start();
process.stdout.write('ready\n');
