/**
 * The accessibility verdict of the apps' browser tests: axe-core's results for one screen (the apps run
 * `@axe-core/playwright`; this file takes the results' shape, so server needs no browser dependency).
 * Critical and serious violations fail the test with what and where; moderate and minor ones are printed
 * (`[axe] …` lines) for the notes, since some (landmarks of a full-screen dialog, for one) are judgement calls.
 */
export interface AxeResultsLike {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] }[];
}

/** The tags checked on every screen: WCAG 2.1 A and AA (and 2.2 AA), axe's best practices (headings, landmarks) and its experimental rules (label-content-name-mismatch is one). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'];

export function axeVerdict(results: AxeResultsLike, screen: string): void {
  const blocking = results.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  for (const v of results.violations.filter((x) => !blocking.includes(x))) {
    console.info(`[axe] ${screen}: ${v.impact ?? 'unknown'} ${v.id} (${v.help}) × ${v.nodes.length}`);
  }
  if (blocking.length === 0) return;
  const lines = blocking.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\n/g, ' ')}`)
        .join('\n')}`,
  );
  throw new Error(`accessibility violations on ${screen}:\n${lines.join('\n')}`);
}
