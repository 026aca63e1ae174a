import { BoardSnapshotDtoSchema } from '@hiorder/domain/ordering/ordering.schemas';
import { lazy, Suspense, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { AlarmBar, useAcknowledge, useAlarmLoop } from './board/alarms';
import { unlockAudioOnFirstGesture } from './board/beep';
import { selectAlarms } from './board/board-state';
import { BoardScreen } from './board/BoardScreen';
import { BoardStore, type LinkStatus } from './board/board-store';
import { TablesScreen } from './board/TablesScreen';
import { LoginScreen } from './identity/LoginScreen';
import { SessionManager } from './identity/session';
import { QueuesLink } from './ops/QueuesLink';
import { connectStaff } from './realtime/staff-connection';
import { ApiClient } from './shared/api';
import { AdminContextValue, type AdminContext } from './shared/app-context';
import { useI18n, type MessageKey } from './shared/i18n';
import { BellIcon } from './shared/icons';
import { ADMIN_BASE, navigate, usePath } from './shared/router';
import { ReconnectingBanner, useToast } from './shared/ui';

const CatalogScreen = lazy(() => import('./catalog/CatalogScreen').then((m) => ({ default: m.CatalogScreen })));
const DevicesScreen = lazy(() => import('./tables/DevicesScreen').then((m) => ({ default: m.DevicesScreen })));
const StaffScreen = lazy(() => import('./staff/StaffScreen').then((m) => ({ default: m.StaffScreen })));
const AttractScreenEditor = lazy(() => import('./catalog/AttractScreenEditor').then((m) => ({ default: m.AttractScreenEditor })));
const PrintersScreen = lazy(() => import('./printing/PrintersScreen').then((m) => ({ default: m.PrintersScreen })));
const DailyCloseScreen = lazy(() => import('./history/DailyCloseScreen').then((m) => ({ default: m.DailyCloseScreen })));
const HistoryScreen = lazy(() => import('./history/HistoryScreen').then((m) => ({ default: m.HistoryScreen })));
const StoreSettingsScreen = lazy(() => import('./store/StoreSettingsScreen').then((m) => ({ default: m.StoreSettingsScreen })));
const SetupScreen = lazy(() => import('./store/SetupScreen').then((m) => ({ default: m.SetupScreen })));
const DashboardScreen = lazy(() => import('./dashboard/DashboardScreen').then((m) => ({ default: m.DashboardScreen })));

const sessions = new SessionManager();
const api = new ApiClient(sessions);
const SOUND_KEY = 'hiorder.admin.sound';

type Screen =
  'board' | 'tables' | 'history' | 'close' | 'dashboard' | 'catalog' | 'attract' | 'devices' | 'staff' | 'printers' | 'settings';
const SCREENS: { id: Screen; label: MessageKey; adminOnly: boolean }[] = [
  { id: 'board', label: 'navBoard', adminOnly: false },
  { id: 'tables', label: 'navTables', adminOnly: false },
  { id: 'history', label: 'navHistory', adminOnly: false },
  { id: 'close', label: 'navClose', adminOnly: false },
  { id: 'dashboard', label: 'navDashboard', adminOnly: false },
  { id: 'catalog', label: 'navCatalog', adminOnly: true },
  { id: 'attract', label: 'navAttract', adminOnly: true },
  { id: 'devices', label: 'navTablesAdmin', adminOnly: true },
  { id: 'staff', label: 'navStaff', adminOnly: true },
  { id: 'printers', label: 'navPrinters', adminOnly: true },
  { id: 'settings', label: 'navSettings', adminOnly: true },
];

function screenOf(path: string): Screen {
  const name = path.startsWith(ADMIN_BASE) ? path.slice(ADMIN_BASE.length).split('/')[0] : '';
  return SCREENS.find((s) => s.id === name)?.id ?? 'board';
}

const STATUS_KEY: Record<LinkStatus, MessageKey> = {
  connecting: 'statusConnecting',
  syncing: 'statusSyncing',
  live: 'statusLive',
  reconnecting: 'statusReconnecting',
};

export function AdminApp() {
  const session = useSyncExternalStore(sessions.subscribe, sessions.getSession);
  const path = usePath();
  if (!session)
    return path === `${ADMIN_BASE}setup` ? (
      <Suspense fallback={<div className="empty">…</div>}>
        <SetupScreen sessions={sessions} />
      </Suspense>
    ) : (
      <LoginScreen sessions={sessions} />
    );
  return <SignedIn key={session.staff.id} />;
}

function SignedIn() {
  const { t, toggle } = useI18n();
  const session = useSyncExternalStore(sessions.subscribe, sessions.getSession);
  const path = usePath();
  const screen = screenOf(path);
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) !== 'off');
  // One store per signed-in session (the component is keyed by the staff id). New orders and calls ring through
  // `useAlarmLoop` until someone acknowledges them, on this screen or another.
  const [{ board, statsListeners }] = useState(() => ({
    board: new BoardStore(),
    statsListeners: new Set<() => void>(),
  }));
  const [, toast, toastNode] = useToast();
  const alarmCommands = useAcknowledge(api, board, toast);

  useEffect(() => {
    unlockAudioOnFirstGesture();
    return connectStaff(board, {
      token: () => sessions.token(),
      renew: () => sessions.renew(),
      onUnauthorized: () => void sessions.logout(),
      loadSnapshot: () => api.get('/api/board', BoardSnapshotDtoSchema),
      onStatsUpdated: () => statsListeners.forEach((l) => l()),
    });
  }, [board, statsListeners]);

  const snapshot = useSyncExternalStore(board.subscribe, board.getSnapshot);
  const alarms = useMemo(() => selectAlarms(snapshot.state), [snapshot.state]);
  useAlarmLoop(alarms, sound);
  if (!session) return null;
  const isAdmin = session.staff.role === 'admin';
  const context: AdminContext = {
    api,
    session,
    board,
    acknowledge: alarmCommands.acknowledge,
    onStats: (listener) => {
      statsListeners.add(listener);
      return () => statsListeners.delete(listener);
    },
  };
  const current = SCREENS.find((s) => s.id === screen);
  const navLink = (s: (typeof SCREENS)[number]) => (
    <a
      key={s.id}
      href={`${ADMIN_BASE}${s.id}`}
      className={s.id === screen ? 'active' : ''}
      aria-current={s.id === screen ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        navigate(`${ADMIN_BASE}${s.id}`);
      }}
    >
      {t(s.label)}
    </a>
  );

  return (
    <AdminContextValue.Provider value={context}>
      <div className="shell">
        <header className="topbar">
          <h1 className="logo">
            <span className="logo-mark" aria-hidden="true">
              h
            </span>
            <span>{session.store.name}</span>
          </h1>
          <span className="link-status" data-testid="link-status" data-status={snapshot.status}>
            <span className={`dot dot-${snapshot.status}`} />
            <span className="label">{snapshot.status === 'reconnecting' ? '' : t(STATUS_KEY[snapshot.status])}</span>
          </span>
          <button
            className="btn btn-sm"
            aria-pressed={sound}
            title={sound ? t('soundOn') : t('soundOff')}
            onClick={() => {
              localStorage.setItem(SOUND_KEY, sound ? 'off' : 'on');
              setSound(!sound);
            }}
          >
            <BellIcon off={!sound} />
          </button>
          <button className="btn btn-sm" onClick={toggle}>
            {t('language')}
          </button>
          <span className="who">{session.staff.displayName}</span>
          <button className="btn btn-sm" onClick={() => void sessions.logout()}>
            {t('logout')}
          </button>
          {/* Its own row, in two groups: what a shift uses (with the kitchen display, its own app opened beside the
              admin) and, for an admin, the store's set-up. It wraps rather than scrolls, so every entry stays in view. */}
          <nav className="nav" aria-label={t('navMain')}>
            <div className="nav-group" role="group" aria-label={t('navService')}>
              {SCREENS.filter((s) => !s.adminOnly).map(navLink)}
              <a href="/kitchen/" target="_blank" rel="noopener" data-testid="nav-kitchen">
                {t('kitchenDisplay')} ↗
              </a>
            </div>
            {isAdmin && (
              <div className="nav-group nav-group-manage" role="group" aria-label={t('navManagement')}>
                {SCREENS.filter((s) => s.adminOnly).map(navLink)}
                <QueuesLink api={api} />
              </div>
            )}
          </nav>
        </header>
        {/* One row of the shell's grid for whatever is shown between the bar and the screen. */}
        <div>
          <ReconnectingBanner reconnecting={snapshot.status === 'reconnecting'} />
          <AlarmBar
            alarms={alarms}
            busy={alarmCommands.busy}
            onAcknowledge={() =>
              void alarmCommands.acknowledge({ orderIds: alarms.orders.map((o) => o.id), staffCallIds: alarms.calls.flatMap((c) => c.ids) })
            }
          />
        </div>
        <main className="main">
          {current?.adminOnly && !isAdmin ? (
            <div className="empty">{t('adminOnly')}</div>
          ) : (
            <Suspense fallback={<div className="empty">…</div>}>
              {screen === 'board' && <BoardScreen />}
              {screen === 'tables' && <TablesScreen />}
              {screen === 'history' && <HistoryScreen />}
              {screen === 'close' && <DailyCloseScreen />}
              {screen === 'dashboard' && <DashboardScreen />}
              {screen === 'catalog' && <CatalogScreen />}
              {screen === 'attract' && <AttractScreenEditor />}
              {screen === 'devices' && <DevicesScreen />}
              {screen === 'staff' && <StaffScreen />}
              {screen === 'printers' && <PrintersScreen />}
              {screen === 'settings' && <StoreSettingsScreen />}
            </Suspense>
          )}
        </main>
        {toastNode}
      </div>
    </AdminContextValue.Provider>
  );
}
