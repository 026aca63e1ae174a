import { type DeviceSessionDto, DeviceSessionDtoSchema } from '@hiorder/domain/identity/identity.schemas';
import { BoardSnapshotDtoSchema } from '@hiorder/domain/ordering/ordering.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { useEffect, useMemo, useState, useSyncExternalStore, type FormEvent } from 'react';
import { AlarmBar, useAcknowledge, useAlarmLoop } from '../board/alarms';
import { selectAlarms, selectToCook } from '../board/board-state';
import { BoardStore, type LinkStatus } from '../board/board-store';
import { unlockAudioOnFirstGesture } from '../board/beep';
import { connectStaff } from '../realtime/staff-connection';
import { ApiClient } from '../shared/api';
import { timeOfDay } from '../shared/format';
import { useNow } from '../shared/hooks';
import { useI18n, type MessageKey } from '../shared/i18n';
import { ExpandIcon } from '../shared/icons';
import { ReconnectingBanner, useToast } from '../shared/ui';
import { SoundPrompt, useConnectionAlarm } from '../shared/SoundPrompt';
import { KitchenTileCard } from './KitchenTileCard';
import { RecallMenu } from './RecallMenu';
import { SoldOutMenu } from './SoldOutMenu';
import { allDayCounts, kitchenTiles, type StationFilter } from './kitchen-view';
import { useKitchenActions } from './useKitchenActions';

const DEVICE_KEY = 'hiorder.kitchen.device';
const STATION_KEY = 'hiorder.kitchen.station';

function readDevice(): DeviceSessionDto | null {
  try {
    const raw = localStorage.getItem(DEVICE_KEY);
    // Written by this app only, from the server's DeviceSessionDto.
    return raw ? (JSON.parse(raw) as DeviceSessionDto) : null;
  } catch {
    return null;
  }
}

/** The kitchen display: paired like a tablet (role kitchen), then a full-screen wall of tiles. */
export function KitchenApp() {
  const [device, setDevice] = useState<DeviceSessionDto | null>(readDevice);
  const unpair = (): void => {
    localStorage.removeItem(DEVICE_KEY);
    setDevice(null);
  };
  if (!device || device.role !== 'kitchen') {
    return (
      <KitchenPairing
        onPaired={(d) => {
          localStorage.setItem(DEVICE_KEY, JSON.stringify(d));
          history.replaceState(null, '', location.pathname);
          setDevice(d);
        }}
      />
    );
  }
  return <KitchenDisplay key={device.deviceId} device={device} onUnpaired={unpair} />;
}

function KitchenPairing({ onPaired }: { onPaired: (d: DeviceSessionDto) => void }) {
  const { t, toggle } = useI18n();
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('pair') ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const api = useMemo(() => new ApiClient({ token: () => null, renew: async () => false }), []);

  async function pair(value: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      onPaired(
        await api.post('/api/devices/pair', { code: value.trim().toUpperCase(), deviceName: 'Kitchen display' }, DeviceSessionDtoSchema),
      );
    } catch {
      setError(t('pairFailed'));
      setBusy(false);
    }
  }

  useEffect(() => {
    const fromUrl = new URLSearchParams(location.search).get('pair');
    if (fromUrl) void pair(fromUrl);
    // Pair once from the QR code's URL.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void pair(code);
  };
  return (
    <div className="kds-pair">
      <form onSubmit={submit}>
        <h1 style={{ fontSize: 34 }}>{t('kitchenPairTitle')}</h1>
        <p style={{ color: '#9ca3af', fontSize: 20 }}>{t('kitchenPairHint')}</p>
        <input name="code" value={code} maxLength={8} onChange={(e) => setCode(e.target.value)} autoFocus aria-label={t('pairingCode')} />
        {error && <div style={{ color: '#ff8787', fontSize: 20, fontWeight: 700 }}>{error}</div>}
        <button className="bump" type="submit" disabled={busy || code.trim().length !== 8}>
          {t('pair')}
        </button>
        <button className="btn btn-ghost" type="button" onClick={toggle} style={{ color: '#9ca3af' }}>
          {t('language')}
        </button>
      </form>
    </div>
  );
}

const STATUS_KEY: Record<LinkStatus, MessageKey> = {
  connecting: 'statusConnecting',
  syncing: 'statusSyncing',
  live: 'statusLive',
  reconnecting: 'statusReconnecting',
};

function KitchenDisplay({ device, onUnpaired }: { device: DeviceSessionDto; onUnpaired: () => void }) {
  const { t, locale, toggle } = useI18n();
  const api = useMemo(() => new ApiClient({ token: () => device.deviceToken, renew: async () => false }), [device]);
  // A new paid order rings (`useAlarmLoop`) until someone acknowledges it here, on another display or on a board.
  const [board] = useState(() => new BoardStore({ viewer: 'kitchen' }));
  const [station, setStation] = useState<StationFilter>(() => {
    const saved = localStorage.getItem(STATION_KEY);
    return saved === 'kitchen' || saved === 'bar' ? saved : 'all';
  });
  const snapshot = useSyncExternalStore(board.subscribe, board.getSnapshot);
  const now = useNow(1000);
  const actions = useKitchenActions({ api, board, onUnpaired });
  useConnectionAlarm(snapshot.status);
  const [, toast, toastNode] = useToast();
  const alarmCommands = useAcknowledge(api, board, toast);
  const alarms = useMemo(() => selectAlarms(snapshot.state), [snapshot.state]);
  useAlarmLoop(alarms, true);

  useEffect(() => {
    unlockAudioOnFirstGesture();
    return connectStaff(board, {
      token: () => device.deviceToken,
      renew: async () => false,
      onUnauthorized: onUnpaired,
      loadSnapshot: () => api.get('/api/board', BoardSnapshotDtoSchema),
    });
  }, [api, board, device, onUnpaired]);

  const toCook = useMemo(() => selectToCook(snapshot.state), [snapshot.state]);
  const tiles = useMemo(() => kitchenTiles(toCook, station), [toCook, station]);
  const allDay = useMemo(() => allDayCounts(tiles), [tiles]);

  const chooseStation = (s: StationFilter): void => {
    localStorage.setItem(STATION_KEY, s);
    setStation(s);
  };

  return (
    <div className="kds">
      <header className="kds-bar">
        <h1 className="logo">
          <span className="logo-mark" aria-hidden="true">
            h
          </span>{' '}
          {device.store.name}
        </h1>
        <div className="seg" role="group" aria-label={t('station')}>
          {(['all', 'kitchen', 'bar'] as const).map((s) => (
            <button key={s} className={station === s ? 'on' : ''} onClick={() => chooseStation(s)}>
              {t(s === 'all' ? 'stationAll' : s === 'kitchen' ? 'stationKitchen' : 'stationBar')}
            </button>
          ))}
        </div>
        <span className="link-status" data-testid="link-status" data-status={snapshot.status}>
          <span className={`dot dot-${snapshot.status}`} />
          {t(STATUS_KEY[snapshot.status]).split('…')[0]}
        </span>
        <span className="spacer" />
        <SoldOutMenu api={api} />
        <RecallMenu recent={actions.recent} now={now} failures={actions.failures} onRecall={(b) => void actions.recall(b)} />
        <span className="clock">{timeOfDay(now, locale, device.store.timeZone)}</span>
        <button className="btn" onClick={toggle}>
          {t('language')}
        </button>
        <button className="btn" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
          <ExpandIcon /> {t('fullscreen')}
        </button>
      </header>
      <ReconnectingBanner reconnecting={snapshot.status === 'reconnecting'} />
      <SoundPrompt />
      <AlarmBar
        variant="kitchen"
        alarms={alarms}
        busy={alarmCommands.busy}
        onAcknowledge={() => void alarmCommands.acknowledge({ orderIds: alarms.orders.map((o) => o.id) })}
      />
      {allDay.length > 0 && (
        <section className="kds-allday" data-testid="all-day" aria-label={t('allDay')}>
          <span className="kds-allday-title">{t('allDay')}</span>
          {allDay.map((c) => (
            <span key={`${c.name.ko}`} className="kds-allday-item">
              {localized(c.name, locale)} <strong>{c.qty}</strong>
            </span>
          ))}
        </section>
      )}
      <main className="kds-tiles" data-testid="kitchen-tiles">
        {tiles.length === 0 && <div className="kds-empty">{t('kitchenEmpty')}</div>}
        {tiles.map((tile) => (
          <KitchenTileCard
            key={tile.order.id}
            tile={tile}
            station={station}
            now={now}
            fresh={Boolean(snapshot.state.fresh[tile.order.id])}
            busy={Boolean(actions.busy[tile.order.id])}
            failure={actions.failures[tile.order.id] ?? null}
            onBump={() => void actions.bump(tile.order, station)}
            onToggleLine={(line) => void actions.toggleLine(tile.order, line)}
          />
        ))}
      </main>
      {toastNode}
    </div>
  );
}
