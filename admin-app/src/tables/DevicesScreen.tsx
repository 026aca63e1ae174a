import { z } from 'zod';
import {
  type PairingCodeCreate,
  type PairingCodeDto,
  PairingCodeDtoSchema,
  TableDtoSchema,
} from '@hiorder/domain/identity/identity.schemas';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { timeOfDay } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { ChefIcon, DeviceIcon } from '../shared/icons';
import { commandRunner, errorText, Modal, useConfirm, useToast } from '../shared/ui';
import { StaffCallPresetsSection } from './StaffCallPresetsSection';
import type { MessageKey } from '../shared/i18n';

const DEVICE_NAMES: Record<string, MessageKey> = {
  Tablet: 'deviceTablet',
  'Android tablet': 'deviceAndroidTablet',
  Kitchen: 'deviceKitchen',
};

/** Tables and their devices (admin): add, rename, pairing code + QR code, revoke a device. */
export function DevicesScreen() {
  const { t, locale } = useI18n();
  // Devices name themselves in English when they pair (the tablet's "Tablet", a kitchen's "Kitchen"): shown in the staff's language.
  const deviceName = (name: string): string => {
    const known = DEVICE_NAMES[name];
    return known ? t(known) : name;
  };
  const { api, session } = useAdmin();
  const [tables, reload] = useLoad(() => api.get('/api/tables', z.array(TableDtoSchema)), []);
  const [label, setLabel] = useState('');
  const [pairing, setPairing] = useState<{ code: PairingCodeDto; title: string } | null>(null);
  const [, toast, toastNode] = useToast();
  const [ask, confirmDialog] = useConfirm();

  const attempt = commandRunner({ reload, toast });

  async function makeCode(input: PairingCodeCreate, title: string): Promise<void> {
    try {
      setPairing({ code: await api.post('/api/pairing-codes', input, PairingCodeDtoSchema), title });
    } catch (err) {
      toast({ text: errorText(err), error: true });
    }
  }

  if (tables.state === 'loading') return <div className="empty">…</div>;
  if (tables.state === 'failed') return <div className="empty">{tables.message}</div>;
  const sorted = [...tables.data].sort((a, b) => a.position - b.position);

  return (
    <>
      <div className="page-head">
        <h1>{t('navTablesAdmin')}</h1>
        <form
          style={{ display: 'flex', gap: 8 }}
          onSubmit={(e) => {
            e.preventDefault();
            if (label.trim()) void attempt(() => api.post('/api/tables', { label: label.trim() })).then(() => setLabel(''));
          }}
        >
          <input
            className="field"
            style={{ minHeight: 48, borderRadius: 10, border: '1px solid #d1d5db', padding: '0 12px' }}
            name="tableLabel"
            placeholder={t('newTable')}
            value={label}
            maxLength={40}
            onChange={(e) => setLabel(e.target.value)}
          />
          <button className="btn btn-primary" type="submit">
            + {t('addTable')}
          </button>
        </form>
        <button className="btn" onClick={() => void makeCode({ role: 'kitchen', name: 'Kitchen' }, t('pairKitchen'))}>
          <ChefIcon /> {t('pairKitchen')}
        </button>
      </div>
      <div className="panel">
        <table className="data">
          <thead>
            <tr>
              <th>{t('table')}</th>
              <th>{t('devices')}</th>
              <th>
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((table) => (
              <tr key={table.id}>
                <td style={{ fontWeight: 800, fontSize: 20 }}>{table.label}</td>
                <td>
                  {table.devices.filter((d) => !d.revoked).length === 0 && <span className="muted">{t('noDevices')}</span>}
                  {table.devices
                    .filter((d) => !d.revoked)
                    .map((d) => (
                      <div key={d.id} style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '4px 0' }}>
                        <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
                          <DeviceIcon /> {deviceName(d.name)}
                        </span>
                        {d.lastSeenAt && (
                          <span className="muted small">
                            {t('lastSeen')} {timeOfDay(d.lastSeenAt, locale, session.store.timeZone)}
                          </span>
                        )}
                        <button
                          className="btn btn-sm btn-danger"
                          onClick={() =>
                            void ask(`${t('revoke')} · ${deviceName(d.name)}?`, t('revoke')).then((yes) =>
                              yes ? attempt(() => api.delete(`/api/devices/${d.id}`)) : undefined,
                            )
                          }
                        >
                          {t('revoke')}
                        </button>
                      </div>
                    ))}
                </td>
                <td>
                  <div className="row-actions">
                    <button
                      className="btn btn-sm"
                      onClick={() => {
                        const next = prompt(t('rename'), table.label)?.trim();
                        if (next && next !== table.label) void attempt(() => api.patch(`/api/tables/${table.id}`, { label: next }));
                      }}
                    >
                      {t('rename')}
                    </button>
                    <button
                      className="btn btn-sm btn-primary"
                      onClick={() => void makeCode({ role: 'table', tableId: table.id }, `${t('pairTablet')} · ${table.label}`)}
                    >
                      {t('pairTablet')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pairing && <PairingDialog pairing={pairing.code} title={pairing.title} onClose={() => (setPairing(null), reload())} />}
      <StaffCallPresetsSection toast={toast} />
      {toastNode}
      {confirmDialog}
    </>
  );
}

function PairingDialog({ pairing, title, onClose }: { pairing: PairingCodeDto; title: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { session } = useAdmin();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    // The server gives a path-absolute or full URL; the QR needs a full one the tablet can open.
    const url = new URL(pairing.url, location.origin).toString();
    QRCode.toDataURL(url, { width: 400, margin: 1 }).then(setQr, () => setQr(null));
  }, [pairing.url]);
  return (
    <Modal title={title} onClose={onClose}>
      <div className="pairing">
        {qr ? <img src={qr} alt="QR" data-testid="pairing-qr" /> : <div style={{ width: 200, height: 200 }} />}
        <div>
          <div className="muted">{t('pairingCode')}</div>
          <div className="pairing-code" data-testid="pairing-code">
            {pairing.code}
          </div>
          <div className="muted small">{t('pairingExpires', { time: timeOfDay(pairing.expiresAt, locale, session.store.timeZone) })}</div>
          <p>{t('scanHint')}</p>
          <code className="small" style={{ wordBreak: 'break-all' }}>
            {pairing.url}
          </code>
        </div>
      </div>
    </Modal>
  );
}
