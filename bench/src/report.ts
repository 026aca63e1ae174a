import type { MachineInfo } from './machine';

/** One measured figure per database run, beside its target from issue 8. */
export interface ReportRow {
  metric: string;
  target: string;
  values: string[];
}

export interface Report {
  startedAt: Date;
  machine: MachineInfo;
  loadBefore: string;
  loadAfter: string;
  columns: string[];
  rows: ReportRow[];
  settings: string;
  notes: string[];
}

export function formatReport(report: Report): string {
  const header = `| metric | ${report.columns.join(' | ')} | target |`;
  const rule = `|---|${report.columns.map(() => '---:').join('|')}|---|`;
  const lines = report.rows.map((r) => `| ${r.metric} | ${r.values.join(' | ')} | ${r.target} |`);
  const m = report.machine;
  return [
    `## ${report.startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC — ${report.columns.join(', ')}`,
    '',
    `Machine: ${m.nproc} × ${m.cpuModel}, ${m.ramGiB} GiB RAM, Node ${m.node}. Commit ${m.commit}. Load average (1/5/15 min) before ${report.loadBefore}, after ${report.loadAfter}.`,
    `Settings: ${report.settings}`,
    '',
    header,
    rule,
    ...lines,
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

export const ms = (value: number): string => (Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : value.toFixed(0)) : '—');
export const rate = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '—');
export const percent = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(value >= 99.95 && value < 100 ? 2 : 1)} %` : '—';
