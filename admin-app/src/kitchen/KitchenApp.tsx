import { type CatalogSyncDto, CatalogSyncDtoSchema } from '@hiorder/domain/catalog/catalog.schemas';
import { type DeviceSessionDto, DeviceSessionDtoSchema } from '@hiorder/domain/identity/identity.schemas';
import { BoardSnapshotDtoSchema, type OrderDto, OrderDtoSchema } from '@hiorder/domain/ordering/ordering.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { useEffect, useMemo, useState, useSyncExternalStore, type FormEvent } from 'react';
import { selectToCook } from '../board/board-state';
import { BoardStore, type LinkStatus } from '../board/board-store';
import { beep, unlockAudioOnFirstGesture } from '../board/beep';
import { connectStaff } from '../realtime/staff-connection';
import { ApiClient, ApiError } from '../shared/api';
import { ageClock, timeOfDay } from '../shared/format';
import { useNow } from '../shared/hooks';
import { useI18n, type MessageKey } from '../shared/i18n';
import { ExpandIcon } from '../shared/icons';
import { errorText, ReconnectingBanner } from '../shared/ui';
import { ageLevel, kitchenTiles, type StationFilter } from './kitchen-view';

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
      onPaired(await api.post('/api/devices/pair', { code: value.trim().toUpperCase(), deviceName: 'Kitchen display' }, DeviceSessionDtoSchema));
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
  const [board] = useState(() => new BoardStore({ viewer: 'kitchen', onNewPaid: () => beep() }));
  const [station, setStation] = useState<StationFilter>(() => {
    const saved = localStorage.getItem(STATION_KEY);
    return saved === 'kitchen' || saved === 'bar' ? saved : 'all';
  });
  const [categories, setCategories] = useState<Extract<CatalogSyncDto, { changed: true }>['catalog']['categories']>([]);
  const [bumping, setBumping] = useState<Record<string, true>>({});
  // The reason the last action on a tile failed, shown on the tile until the next try: a cook never taps and
  // sees nothing.
  const [failures, setFailures] = useState<Record<string, string>>({});
  const snapshot = useSyncExternalStore(board.subscribe, board.getSnapshot);
  const now = useNow(1000);

  useEffect(() => {
    unlockAudioOnFirstGesture();
    return connectStaff(board, {
      token: () => device.deviceToken,
      renew: async () => false,
      onUnauthorized: onUnpaired,
      loadSnapshot: () => api.get('/api/board', BoardSnapshotDtoSchema),
    });
  }, [api, board, device, onUnpaired]);

  const [catalogTick, setCatalogTick] = useState(0);
  useEffect(() => {
    api.get('/api/catalog', CatalogSyncDtoSchema).then(
      (sync) => sync.changed && setCategories(sync.catalog.categories),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) onUnpaired();
      },
    );
  }, [api, onUnpaired, catalogTick]);

  const toCook = useMemo(() => selectToCook(snapshot.state), [snapshot.state]);
  // Kitchens get no catalog events: a line of a category the display does not know means the catalog moved.
  const unknownCategory = useMemo(() => {
    const known = new Set(categories.map((c) => c.id));
    return toCook.some((o) => o.lines.some((l) => !known.has(l.categoryId)));
  }, [toCook, categories]);
  useEffect(() => {
    if (!unknownCategory) return;
    const id = setTimeout(() => setCatalogTick((n) => n + 1), 300);
    return () => clearTimeout(id);
  }, [unknownCategory, toCook]);

  const tiles = useMemo(() => kitchenTiles(toCook, categories, station), [toCook, categories, station]);

  async function bump(order: OrderDto): Promise<void> {
    setBumping((b) => ({ ...b, [order.id]: true }));
    setFailures(({ [order.id]: _old, ...rest }) => rest);
    try {
      board.dispatch({ type: 'order', order: await api.post(`/api/orders/${order.id}/serve`, undefined, OrderDtoSchema) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnpaired();
      else setFailures((f) => ({ ...f, [order.id]: errorText(err) }));
    } finally {
      setBumping(({ [order.id]: _done, ...rest }) => rest);
    }
  }

  const chooseStation = (s: StationFilter): void => {
    localStorage.setItem(STATION_KEY, s);
    setStation(s);
  };

  return (
    <div className="kds">
      <header className="kds-bar">
        <h1 className="logo">
          <span className="logo-mark" aria-hidden="true">h</span> {device.store.name}
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
        <span className="clock">{timeOfDay(now, locale, device.store.timeZone)}</span>
        <button className="btn" onClick={toggle}>
          {t('language')}
        </button>
        <button className="btn" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
          <ExpandIcon /> {t('fullscreen')}
        </button>
      </header>
      <ReconnectingBanner reconnecting={snapshot.status === 'reconnecting'} />
      <main className="kds-tiles" data-testid="kitchen-tiles">
        {tiles.length === 0 && <div className="kds-empty">{t('kitchenEmpty')}</div>}
        {tiles.map(({ order, lines }) => {
          const level = ageLevel(order.paidAt ?? order.createdAt, now);
          return (
            <article
              key={order.id}
              className={`tile age-${level}${snapshot.state.fresh[order.id] ? ' fresh' : ''}`}
              data-testid="kitchen-tile"
              data-order-id={order.id}
              data-age={level}
            >
              <div className="tile-head">
                <span className="tile-table">{order.tableLabel}</span>
                <span className="tile-code">#{order.shortCode}</span>
                <span className="tile-age">{ageClock(order.paidAt ?? order.createdAt, now)}</span>
              </div>
              <div className={`tile-status tile-${order.status}`}>{order.status === 'paid' ? t('kitchenNew') : t('statusAccepted')}</div>
              <ul className="tile-lines">
                {lines.map((line, index) => (
                  <li key={index}>
                    <span className="qty">{line.qty}×</span>
                    <span>
                      {localized(line.name, locale)}
                      {line.options.length > 0 && <span className="tile-options">{line.options.map((o) => localized(o.name, locale)).join(' · ')}</span>}
                      {line.note && <span className="tile-line-note">✎ {line.note}</span>}
                    </span>
                  </li>
                ))}
              </ul>
              {order.note && <div className="tile-note">✎ {order.note}</div>}
              {failures[order.id] && (
                <div className="tile-error" role="alert" data-testid="tile-error">
                  {t('actionFailed')} {failures[order.id]}
                </div>
              )}
              <button className="bump" disabled={Boolean(bumping[order.id])} onClick={() => void bump(order)}>
                ✓ {t('bump')}
              </button>
            </article>
          );
        })}
      </main>
    </div>
  );
}
