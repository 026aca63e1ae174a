// The scopes of `pnpm mutation:core`: for each, the core files Stryker mutates and the server tests (SQLite) that
// judge the mutants. One scope per run (MUTATION_SCOPE=ordering|payment|outbox), so each mutant runs only the
// tests about its module: every server test places orders, and running them all per mutant takes ~1 min each
// on the shared two-core machine. Read by core/stryker.config.mjs and server/vitest.mutation.config.ts.
export const MUTATION_SCOPES = {
  ordering: {
    // Rules 1–5 of a placement: table lock, idempotency (key + fingerprint), rules, stock, snapshot, event.
    mutate: ['src/ordering/place-order.ts', 'src/ordering/request-fingerprint.ts'],
    tests: ['src/ordering/place-order.test.ts', 'src/ordering/place-order-options.test.ts'],
  },
  payment: {
    // Settlement (I4) and reconciliation of every unknown / stale attempt.
    mutate: ['src/payment/reconcile-payments.ts', 'src/payment/settle-payment.ts'],
    // Not pay-order.test.ts: its payments time out at 400 ms (PAYMENT_TIMEOUT_MS of the test app), which a loaded
    // machine reaches, so its verdict on a mutant would be noise.
    tests: ['src/payment/reconcile-payments.test.ts', 'src/payment/settlement-of.test.ts'],
  },
  outbox: {
    // Sequencing and publishing committed events in each store's seq order (I5, I8).
    mutate: ['src/outbox/outbox-relay.ts'],
    tests: ['src/outbox/events-committed.test.ts', 'src/realtime/staff-catch-up.test.ts'],
  },
};

export function mutationScope() {
  const name = process.env.MUTATION_SCOPE ?? 'ordering';
  const scope = MUTATION_SCOPES[name];
  if (!scope) throw new Error(`MUTATION_SCOPE must be one of ${Object.keys(MUTATION_SCOPES).join(', ')}, not ${name}`);
  return { name, ...scope };
}
