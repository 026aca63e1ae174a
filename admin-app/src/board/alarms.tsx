import { AlarmAcknowledgedDtoSchema } from '@hiorder/domain/ordering/alarm.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../shared/api';
import { BellIcon } from '../shared/icons';
import { useI18n, type MessageKey } from '../shared/i18n';
import { errorText, type ToastMessage } from '../shared/ui';
import type { Alarms, StaffCallEntry } from './board-state';
import type { BoardStore } from './board-store';
import { beep, callChime } from './beep';

/** How often an alarm rings again while nobody acknowledges it. */
export const ALARM_REPEAT_MS = 5000;
/** The tab title alternates this fast while something rings (a board in a background tab still shows it). */
const TITLE_FLASH_MS = 1000;

const CALL_LABEL: Record<Exclude<StaffCallEntry['kind'], 'request'>, MessageKey> = {
  water: 'callWater',
  cutlery: 'callCutlery',
  call: 'callCall',
  checkout: 'callCheckout',
};

/** What a staff call asks for, in the screen's language: the store's preset, or one of the fixed kinds. */
export function useCallLabel(): (call: StaffCallEntry) => string {
  const { t, locale } = useI18n();
  return (call) => (call.kind === 'request' ? (call.label ? localized(call.label, locale) : t('staffCall')) : t(CALL_LABEL[call.kind]));
}

/**
 * Rings while something waits for acknowledgement: a new paid order with the order chime, a staff call with its
 * own (three rising notes), again every `ALARM_REPEAT_MS`, and the tab title flashes. A new alarm rings at once.
 * `sound` off (the board's bell button) keeps the title and the banner and silences the chimes only. Sets
 * `data-alarm="ringing"` on the document element while it rings (what a screen reader's banner and the e2e see).
 */
export function useAlarmLoop(alarms: Alarms, sound: boolean): void {
  const { t } = useI18n();
  const key = [...alarms.orders.map((o) => o.id), ...alarms.calls.map((c) => c.id)].join(',');
  const orders = alarms.orders.length;
  const calls = alarms.calls.length;
  const soundRef = useRef(sound);
  soundRef.current = sound;

  useEffect(() => {
    if (orders + calls === 0) return;
    const ring = (): void => {
      if (!soundRef.current) return;
      if (calls > 0) callChime();
      if (orders > 0) setTimeout(beep, calls > 0 ? 700 : 0);
    };
    ring();
    const repeat = setInterval(ring, ALARM_REPEAT_MS);
    const original = document.title;
    const flashText = `🔔 ${[orders > 0 ? t('alarmNewOrders', { n: orders }) : '', calls > 0 ? t('alarmCalls', { n: calls }) : '']
      .filter(Boolean)
      .join(' · ')}`;
    let lit = true;
    document.title = flashText;
    const flash = setInterval(() => {
      lit = !lit;
      document.title = lit ? flashText : original;
    }, TITLE_FLASH_MS);
    document.documentElement.dataset.alarm = 'ringing';
    return () => {
      clearInterval(repeat);
      clearInterval(flash);
      document.title = original;
      delete document.documentElement.dataset.alarm;
    };
    // `key` changes when an alarm comes or goes: the loop restarts, so a new one rings at once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

/**
 * Sends an acknowledgement; the server tells every other screen of the store (`alarm.acknowledged`). Applied here
 * as soon as the server answers. A failure keeps the alarm ringing and says so.
 */
export function useAcknowledge(api: ApiClient, board: BoardStore, toast: (m: ToastMessage) => void) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const acknowledge = async (input: { orderIds?: readonly string[]; staffCallIds?: readonly string[] }): Promise<void> => {
    const body = { orderIds: [...(input.orderIds ?? [])], staffCallIds: [...(input.staffCallIds ?? [])] };
    if (body.orderIds.length + body.staffCallIds.length === 0) return;
    setBusy(true);
    try {
      const done = await api.post('/api/alarms/acknowledge', body, AlarmAcknowledgedDtoSchema);
      board.dispatch({ type: 'acknowledged', orderIds: done.orderIds, staffCallIds: done.staffCallIds });
    } catch (err) {
      toast({ text: `${t('alarmAckFailed')} (${errorText(err)})`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return { acknowledge, busy };
}

/**
 * The banner of what rings, on every screen of the admin app and on the kitchen display: the new orders' count,
 * each call's table and request, and one big button that acknowledges them all.
 */
export function AlarmBar({
  alarms,
  busy,
  onAcknowledge,
  variant = 'board',
}: {
  alarms: Alarms;
  busy: boolean;
  onAcknowledge: () => void;
  variant?: 'board' | 'kitchen';
}) {
  const { t } = useI18n();
  const callLabel = useCallLabel();
  if (alarms.orders.length + alarms.calls.length === 0) return null;
  return (
    <div className={`alarm-bar alarm-bar-${variant}`} role="alert" data-testid="alarm-bar" data-alarm="ringing">
      <span className="alarm-bell" aria-hidden="true">
        <BellIcon />
      </span>
      {alarms.orders.length > 0 && (
        <span className="alarm-item" data-testid="alarm-orders">
          {t('alarmNewOrders', { n: alarms.orders.length })}
          <span className="alarm-tables">
            · {t('table')} {[...new Set(alarms.orders.map((o) => o.tableLabel))].join(', ')}
          </span>
        </span>
      )}
      {alarms.calls.map((call) => (
        <span key={call.id} className="alarm-item alarm-call" data-testid="alarm-call">
          <span className="table-badge">{call.tableLabel}</span> {callLabel(call)}
        </span>
      ))}
      <span className="spacer" />
      <button type="button" className="btn alarm-ack" data-testid="alarm-acknowledge" disabled={busy} onClick={onAcknowledge}>
        {t('alarmAcknowledge')}
      </button>
    </div>
  );
}
