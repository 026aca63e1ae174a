import { PRINTER_DUTIES, PrinterDutySchema, type PrinterCreate, type PrinterDto } from '@hiorder/domain/printing/printing.schemas';
import { useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { timeOfDay } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { commandRunner, errorText, Modal, useToast } from '../shared/ui';
import { jobLabel, jobProblem, usePrintingStatus, useReprint } from './print-alerts';
import { PrinterIcon } from './PrinterIcon';
import { dutyKey, healthKey, usePrintingText } from './printing-text';

type Draft = { id: string | null } & PrinterCreate;

const HEALTH_PILL = { ok: 'pill pill-served', unreachable: 'pill pill-soldout', unknown: 'pill pill-hidden' } as const;

/**
 * Kitchen and counter printers (admin): add one (address, what it prints, its backup), print a test page, see
 * whether it answers and what waits for it; below, the jobs that need a look, each with a reprint.
 */
export function PrintersScreen() {
  const p = usePrintingText();
  const { locale } = useI18n();
  const { api, session } = useAdmin();
  const [status, reload] = usePrintingStatus();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [, toast, toastNode] = useToast();
  const attempt = commandRunner({ reload, toast });
  const reprint = useReprint(toast, reload);

  if (!status) return <div className="empty">…</div>;
  const nameOf = (id: string | null) => status.printers.find((x) => x.id === id)?.name ?? p('noBackup');

  async function test(printer: PrinterDto) {
    setTesting(printer.id);
    try {
      await api.post(`/api/printers/${printer.id}/test`);
      toast({ text: `${printer.name}: ${p('testOk')}` });
    } catch (err) {
      toast({ text: `${printer.name}: ${errorText(err)}`, error: true });
    } finally {
      setTesting(null);
      reload();
    }
  }

  function save(d: Draft) {
    const body = { name: d.name.trim(), host: d.host.trim(), port: d.port, duty: d.duty, backupPrinterId: d.backupPrinterId };
    void attempt(
      () => (d.id ? api.patch(`/api/printers/${d.id}`, body) : api.post('/api/printers', body)),
      () => setDraft(null),
    );
  }

  return (
    <>
      <div className="page-head">
        <h1 style={{ display: 'flex', gap: 10, alignItems: 'center' }}>
          <PrinterIcon size={22} /> {p('title')}
        </h1>
        <button
          className="btn btn-primary"
          onClick={() => setDraft({ id: null, name: '', host: '', port: 9100, duty: 'kitchen', backupPrinterId: null })}
        >
          + {p('add')}
        </button>
      </div>
      <p className="muted" style={{ marginTop: -8, marginBottom: 14 }}>
        {p('hint')}
      </p>
      <div className="panel">
        {status.printers.length === 0 ? (
          <div className="empty">{p('empty')}</div>
        ) : (
          <table className="data" data-testid="printers">
            <thead>
              <tr>
                <th>{p('name')}</th>
                <th>{p('duty')}</th>
                <th>{p('address')}</th>
                <th>{p('backup')}</th>
                <th>{p('health')}</th>
                <th>{p('waiting')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {status.printers.map((printer) => (
                <tr key={printer.id} data-testid="printer-row" data-health={printer.health}>
                  <td style={{ fontWeight: 700 }}>{printer.name}</td>
                  <td>{p(dutyKey(printer.duty))}</td>
                  <td className="code">
                    {printer.host}:{printer.port}
                  </td>
                  <td>{nameOf(printer.backupPrinterId)}</td>
                  <td>
                    <span className={HEALTH_PILL[printer.health]}>{p(healthKey(printer.health))}</span>
                    {printer.lastContactAt && (
                      <div className="muted small">
                        {p('lastContact')} {timeOfDay(printer.lastContactAt, locale, session.store.timeZone)}
                      </div>
                    )}
                    {printer.lastError && (
                      <div className="small" style={{ color: 'var(--danger)' }}>
                        {printer.lastError}
                      </div>
                    )}
                  </td>
                  <td style={{ fontWeight: 700 }}>{printer.waitingJobs}</td>
                  <td>
                    <div className="row-actions">
                      <button className="btn btn-sm" disabled={testing === printer.id} onClick={() => void test(printer)}>
                        {testing === printer.id ? '…' : p('test')}
                      </button>
                      <button
                        className="btn btn-sm"
                        onClick={() =>
                          setDraft({
                            id: printer.id,
                            name: printer.name,
                            host: printer.host,
                            port: printer.port,
                            duty: printer.duty,
                            backupPrinterId: printer.backupPrinterId,
                          })
                        }
                      >
                        {p('edit')}
                      </button>
                      <button
                        className="btn btn-sm btn-danger"
                        onClick={() => window.confirm(p('removeConfirm')) && void attempt(() => api.delete(`/api/printers/${printer.id}`))}
                      >
                        {p('remove')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel" style={{ marginTop: 16 }}>
        <div className="panel-head">
          <h2>{p('alerts')}</h2>
        </div>
        {status.alerts.length === 0 ? (
          <div className="empty">{p('noAlerts')}</div>
        ) : (
          <table className="data" data-testid="print-jobs">
            <tbody>
              {status.alerts.map((job) => (
                <tr key={job.id}>
                  <td style={{ fontWeight: 700 }}>{jobLabel(job, p)}</td>
                  <td
                    className={job.state === 'waiting' ? '' : 'muted'}
                    style={job.state === 'waiting' ? { color: 'var(--danger)' } : undefined}
                  >
                    {jobProblem(job, p)}
                  </td>
                  <td>
                    <div className="row-actions">
                      {job.orderId && job.kind !== 'bill' && (
                        <button className="btn btn-sm" onClick={() => void reprint(job.orderId as string, job.duty)}>
                          {p('reprint')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {draft && (
        <Modal
          title={draft.id ? p('edit') : p('add')}
          onClose={() => setDraft(null)}
          footer={
            <button
              className="btn btn-primary"
              disabled={draft.name.trim() === '' || draft.host.trim() === '' || !(draft.port >= 1 && draft.port <= 65535)}
              onClick={() => save(draft)}
            >
              {draft.id ? p('save') : p('create')}
            </button>
          }
        >
          <label className="field">
            {p('name')}
            <input
              value={draft.name}
              maxLength={40}
              placeholder="주방 프린터"
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              autoFocus
            />
          </label>
          <label className="field">
            {p('host')}
            <input
              value={draft.host}
              placeholder="192.168.0.50"
              autoComplete="off"
              onChange={(e) => setDraft({ ...draft, host: e.target.value })}
            />
          </label>
          <label className="field">
            {p('port')}
            <input
              type="number"
              inputMode="numeric"
              value={draft.port}
              onChange={(e) => setDraft({ ...draft, port: Number(e.target.value) })}
            />
          </label>
          <label className="field">
            {p('duty')}
            <select value={draft.duty} onChange={(e) => setDraft({ ...draft, duty: PrinterDutySchema.parse(e.target.value) })}>
              {PRINTER_DUTIES.map((duty) => (
                <option key={duty} value={duty}>
                  {p(dutyKey(duty))}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {p('backup')}
            <select value={draft.backupPrinterId ?? ''} onChange={(e) => setDraft({ ...draft, backupPrinterId: e.target.value || null })}>
              <option value="">{p('noBackup')}</option>
              {status.printers
                .filter((x) => x.id !== draft.id)
                .map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name} ({p(dutyKey(x.duty))})
                  </option>
                ))}
            </select>
          </label>
        </Modal>
      )}
      {toastNode}
    </>
  );
}
