/**
 * With `SQL_TIMINGS=1` the server prints, at exit, where the database time went per statement (calls, total and
 * mean µs; SQLite: CPU of the call, PostgreSQL: the round trip's wall time): how bench/RESULTS.md says which
 * statement costs what. Off, it costs one branch per statement.
 */
const timings = process.env.SQL_TIMINGS === '1' ? new Map<string, { calls: number; ns: bigint }>() : null;
if (timings) {
  process.once('exit', () => {
    const rows = [...timings].sort(([, a], [, b]) => Number(b.ns - a.ns)).slice(0, 25);
    for (const [text, t] of rows) {
      process.stderr.write(
        `[sql] ${String(t.calls).padStart(7)} calls ${(Number(t.ns) / 1e6).toFixed(0).padStart(6)} ms ${(Number(t.ns) / 1e3 / t.calls).toFixed(1).padStart(7)} µs  ${text.replace(/\s+/g, ' ').slice(0, 110)}\n`,
      );
    }
  });
}

/**
 * Statements sent on the driver by this process (both dialects, always counted: one increment). `/metrics` shows it,
 * so a bench counts the round trips a placement costs on PostgreSQL (issue 15) from two scrapes.
 */
let statementsSent = 0;

export function statementCount(): number {
  return statementsSent;
}

function record(text: string, start: bigint): void {
  const t = timings?.get(text) ?? { calls: 0, ns: 0n };
  t.calls += 1;
  t.ns += process.hrtime.bigint() - start;
  timings?.set(text, t);
}

export function timed<R>(text: string, execute: () => R): R {
  statementsSent += 1;
  if (!timings) return execute();
  const start = process.hrtime.bigint();
  try {
    return execute();
  } finally {
    record(text, start);
  }
}

/** PostgreSQL: the wall time of each round trip (waiting included), by statement. */
export async function timedAsync<R>(text: string, execute: () => Promise<R>): Promise<R> {
  statementsSent += 1;
  if (!timings) return execute();
  const start = process.hrtime.bigint();
  try {
    return await execute();
  } finally {
    record(text, start);
  }
}
