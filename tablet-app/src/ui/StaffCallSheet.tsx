import type { StaffCall } from '@hiorder/domain/ordering/staff-call.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { readStaffCallPresets } from '../db/db';
import { sendStaffCall } from '../sync/engine';
import { useLocale, type StringKey } from './i18n';
import { Dialog } from './Dialog';
import { Icon, type IconName } from './Icon';

/** Always offered after the store's presets. */
const FIXED: { kind: 'call' | 'checkout'; label: StringKey; icon: IconName }[] = [
  { kind: 'call', label: 'callCall', icon: 'person' },
  // Asks staff to close the table; the tablet never ends a visit itself (staff check the bill first).
  { kind: 'checkout', label: 'callCheckout', icon: 'check' },
];

type CallState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'done' } | { kind: 'failed'; offline: boolean };

export function StaffCallSheet({ onClose }: { onClose: () => void }) {
  const { t, locale } = useLocale();
  const [state, setState] = useState<CallState>({ kind: 'idle' });
  // The store's presets (물, 앞접시 …), as the owner set them; they come with the catalog, so they work offline too.
  const presets = useLiveQuery(readStaffCallPresets) ?? [];
  const call = async (input: StaffCall) => {
    setState({ kind: 'sending' });
    const answer = await sendStaffCall(input);
    if (answer.kind === 'answer' && answer.ack.ok) {
      setState({ kind: 'done' });
      setTimeout(onClose, 2500);
    } else setState({ kind: 'failed', offline: answer.kind === 'offline' });
  };
  return (
    <Dialog label={t('callStaff')} onClose={onClose}>
      <div className="sheet call-sheet">
        <h2>{t('callStaff')}</h2>
        <div className="call-grid">
          {presets.map((p) => (
            <button
              key={p.id}
              type="button"
              className="call-btn"
              data-testid="call-preset"
              disabled={state.kind === 'sending'}
              onClick={() => void call({ kind: 'request', presetId: p.id })}
            >
              <Icon name="bell" size={48} className="call-icon" />
              {localized(p.name, locale)}
            </button>
          ))}
          {FIXED.map((k) => (
            <button
              key={k.kind}
              type="button"
              className={k.kind === 'checkout' ? 'call-btn call-btn-wide' : 'call-btn'}
              data-testid={`call-${k.kind}`}
              disabled={state.kind === 'sending'}
              onClick={() => void call({ kind: k.kind })}
            >
              <Icon name={k.icon} size={48} className="call-icon" />
              {t(k.label)}
            </button>
          ))}
        </div>
        {state.kind === 'done' && (
          <p className="ok-text" role="status">
            {t('called')}
          </p>
        )}
        {state.kind === 'failed' && (
          <p className="error-text" role="alert">
            {state.offline ? t('callOffline') : t('callFailed')}
          </p>
        )}
        <button type="button" className="btn btn-ghost btn-block" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </Dialog>
  );
}
