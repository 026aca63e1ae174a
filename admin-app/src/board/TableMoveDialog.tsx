import { VisitPlaceDtoSchema } from '@hiorder/domain/ordering/visit.schemas';
import { useState, type ReactNode } from 'react';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { errorText, Modal, type ToastMessage } from '../shared/ui';
import type { TableSummary } from './board-state';

/** What staff are moving: a whole visit to a free table, a visit into another (합석), or one order. */
export type MoveIntent =
  | { kind: 'visit'; fromTableId: string; fromLabel: string }
  | { kind: 'merge'; fromTableId: string; fromLabel: string }
  | { kind: 'order'; fromTableId: string; fromLabel: string; orderId: string; shortCode: string };

/** Which tables a move may go to, by the board's view: the server refuses the rest with a code anyway. */
function candidates(intent: MoveIntent, tables: readonly TableSummary[]): TableSummary[] {
  const others = tables.filter((s) => s.table.id !== intent.fromTableId);
  const occupied = (s: TableSummary) => s.visitId !== null || s.awaitingPayment > 0;
  if (intent.kind === 'visit') return others.filter((s) => !occupied(s));
  if (intent.kind === 'merge') return others.filter(occupied);
  return others;
}

/**
 * Moves and merges from the table view: pick a target table, the server moves (under both tables' locks) and
 * every screen follows through the `order.moved` / `visit.moved` / `visit.merged` events. A refusal
 * (`TABLE_OCCUPIED`, …) is shown to the person who tapped.
 */
export function useTableMoves(input: { toast: (m: ToastMessage) => void; onMoved: (toTableId: string) => void }): {
  start: (intent: MoveIntent) => void;
  dialog: (tables: readonly TableSummary[]) => ReactNode;
} {
  const { t } = useI18n();
  const { api } = useAdmin();
  const [intent, setIntent] = useState<MoveIntent | null>(null);
  const [busy, setBusy] = useState(false);

  async function moveTo(current: MoveIntent, target: TableSummary): Promise<void> {
    setBusy(true);
    try {
      const path =
        current.kind === 'visit'
          ? [`/api/tables/${current.fromTableId}/move-visit`, { toTableId: target.table.id }]
          : current.kind === 'merge'
            ? [`/api/tables/${current.fromTableId}/merge-visit`, { intoTableId: target.table.id }]
            : [`/api/orders/${current.orderId}/move`, { toTableId: target.table.id }];
      const place = await api.post(path[0] as string, path[1], VisitPlaceDtoSchema);
      setIntent(null);
      const key = current.kind === 'merge' ? 'mergedTo' : 'movedTo';
      input.toast({ text: t(key, { from: current.fromLabel, to: place.tableLabel }) });
      input.onMoved(place.tableId);
    } catch (err) {
      input.toast({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  }

  const dialog = (tables: readonly TableSummary[]) => {
    if (!intent) return null;
    const choices = candidates(intent, tables);
    const title =
      intent.kind === 'visit'
        ? t('moveTableTitle', { table: intent.fromLabel })
        : intent.kind === 'merge'
          ? t('mergeTableTitle', { table: intent.fromLabel })
          : t('moveOrderTitle', { code: intent.shortCode, table: intent.fromLabel });
    return (
      <TablePicker
        title={title}
        hint={intent.kind === 'merge' ? t('mergeHint') : intent.kind === 'visit' ? t('moveHint') : null}
        choices={choices}
        busy={busy}
        onPick={(s) => void moveTo(intent, s)}
        onClose={() => setIntent(null)}
      />
    );
  };
  return { start: setIntent, dialog };
}

function TablePicker(props: {
  title: string;
  hint: string | null;
  choices: TableSummary[];
  busy: boolean;
  onPick: (s: TableSummary) => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  return (
    <Modal title={props.title} onClose={props.onClose} wide>
      {props.hint && <p className="muted">{props.hint}</p>}
      {props.choices.length === 0 && <div className="empty">{t('noTableChoice')}</div>}
      <div className="table-grid picker" role="list">
        {props.choices.map((s) => (
          <button
            key={s.table.id}
            role="listitem"
            className="table-tile"
            disabled={props.busy}
            onClick={() => props.onPick(s)}
            data-testid="pick-table"
            data-label={s.table.label}
          >
            <span className="label">{s.table.label}</span>
            {s.visitId === null && s.awaitingPayment === 0 ? (
              <span className="muted">{t('tableEmpty')}</span>
            ) : (
              <span className="sum">{won(s.total, locale)}</span>
            )}
          </button>
        ))}
      </div>
    </Modal>
  );
}
