import { StrictMode, lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './shared/i18n';
import { isKitchenPath } from './shared/router';
import './styles.css';

// One build, two apps: the server serves it at /admin/ and at /kitchen/, and the path picks the mode.
const AdminApp = lazy(() => import('./AdminApp').then((m) => ({ default: m.AdminApp })));
const KitchenApp = lazy(() => import('./kitchen/KitchenApp').then((m) => ({ default: m.KitchenApp })));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <Suspense fallback={null}>{isKitchenPath(location.pathname) ? <KitchenApp /> : <AdminApp />}</Suspense>
      </I18nProvider>
    </StrictMode>,
  );
}
