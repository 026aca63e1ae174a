import type { TestApp } from './test-app';

/**
 * Polls `fn` until it returns a value (not undefined) or the time is up, then rejects naming `what` (and the last
 * error, and a child service's output when given). The time is a bound against hanging, never a budget: on a loaded
 * machine a test waits longer and still passes.
 */
export async function waitFor<T>(
  what: string | (() => string),
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
  service?: { output(): string },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${typeof what === 'function' ? what() : what}${last ? ` (${String(last)})` : ''}${service ? `\n${service.output().slice(-3000)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until `check` holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  await waitFor(what, async () => ((await check()) ? true : undefined), timeoutMs);
}

/** Waits until the relay has forwarded every event of the store, so its read models (history, daily close) hold them. */
export async function storeEventsForwarded(app: TestApp, storeId: string): Promise<void> {
  let waiting = 0;
  await waitFor(
    () => `the store's events to be forwarded to the read models (${waiting} still waiting)`,
    async () => {
      const rows = await app
        .em()
        .getConnection()
        .execute<{ n: number | string }[]>('select count(*) as n from outbox_event where store_id = ? and forwarded_at is null', [storeId]);
      waiting = Number(rows[0]?.n);
      if (waiting === 0) return true;
      app.server.app.deps.relay.kick();
      return undefined;
    },
    15_000,
  );
}

/**
 * Waits until the sandbox provider has decided the given payments (every payment when none are named): a hanging
 * one ABORTED after SANDBOX_HANG_MS, a late one DONE after SANDBOX_LATE_MS. Reconciliation tests read the provider
 * after this instead of sleeping for those times, which a loaded machine stretches.
 */
export async function providerDecided(app: TestApp, ...paymentKeys: string[]): Promise<void> {
  const sandbox = app.server.sandbox;
  if (!sandbox) throw new Error('providerDecided needs the sandbox provider');
  const inProgress = () =>
    sandbox.allPayments().filter((p) => p.status === 'IN_PROGRESS' && (paymentKeys.length === 0 || paymentKeys.includes(p.paymentKey)));
  await waitFor(
    () => `the sandbox to decide ${inProgress().length} payment(s) still in progress`,
    async () => (inProgress().length === 0 ? true : undefined),
    30_000,
  );
}
