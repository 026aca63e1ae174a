import { PrintingStatusDtoSchema, type PrintingStatusDto, type PrintJobDto } from '@hiorder/domain/printing/printing.schemas';
import { useEffect, useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { errorText, type ToastMessage } from '../shared/ui';
import { PrinterIcon } from './PrinterIcon';
import { dutyKey, usePrintingText, type PrintingText } from './printing-text';

/** How often the board asks for the printers' state (the print queue may run in a worker: no push reaches it). */
const POLL_MS = 5000;

/** The printers' state and the jobs needing attention, polled while mounted. */
export function usePrintingStatus(): [PrintingStatusDto | null, () => void] {
  const { api } = useAdmin();
  const [status, setStatus] = useState<PrintingStatusDto | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.get('/api/printing', PrintingStatusDtoSchema).then(
        // An answer of another shape (an older server) rejects: no warning rather than a broken board.
        (answer) => {
          if (alive) setStatus(answer);
        },
        () => undefined,
      );
    void load();
    const id = setInterval(() => void load(), POLL_MS);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [api, tick]);
  return [status, () => setTick((t) => t + 1)];
}

export function jobLabel(job: PrintJobDto, p: PrintingText): string {
  const what =
    job.kind === 'bill' ? `${p('bill')} · ${job.tableLabel}` : `${job.tableLabel} · ${p('order', { code: job.orderShortCode ?? '' })}`;
  return `${p(dutyKey(job.duty))} · ${what}`;
}

export function jobProblem(job: PrintJobDto, p: PrintingText): string {
  if (job.state === 'waiting') return `${p('jobWaiting', { n: job.attempts })}${job.lastError ? ` — ${job.lastError}` : ''}`;
  if (job.maybeDuplicate) return p('jobMaybeDuplicate');
  return `${p('jobOnBackup')}${job.printerName ? ` (${job.printerName})` : ''}`;
}

/** Reprints an order's tickets (every station, or one), telling the person how it went. */
export function useReprint(toast: (m: ToastMessage) => void, after?: () => void) {
  const { api } = useAdmin();
  const p = usePrintingText();
  return async (orderId: string, station?: string) => {
    try {
      await api.post(`/api/orders/${orderId}/reprint`, station ? { station } : {});
      toast({ text: p('reprinted') });
      after?.();
    } catch (err) {
      toast({ text: errorText(err), error: true });
    }
  };
}

/**
 * The board's printer warning: shown while a ticket waits on a printer that does not answer, or was printed on
 * a backup or possibly twice in the last hour, with a reprint button on each order's line.
 */
export function PrintAlerts({ toast }: { toast: (m: ToastMessage) => void }) {
  const p = usePrintingText();
  const [status, reload] = usePrintingStatus();
  const reprint = useReprint(toast, reload);
  if (!status || status.alerts.length === 0) return null;
  const waiting = status.alerts.some((a) => a.state === 'waiting');
  return (
    <div className={`banner ${waiting ? 'banner-danger' : 'banner-warn'} print-alerts`} role="status" data-testid="print-alerts">
      <strong style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
        <PrinterIcon /> {p('boardWarning')}
      </strong>
      <ul>
        {status.alerts.slice(0, 4).map((job) => (
          <li key={job.id} data-testid="print-alert" data-state={job.state}>
            <span>{jobLabel(job, p)}</span> <span className="muted">{jobProblem(job, p)}</span>
            {job.orderId && job.kind !== 'bill' && (
              <button className="btn btn-sm" onClick={() => void reprint(job.orderId as string, job.duty)}>
                {p('reprint')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
