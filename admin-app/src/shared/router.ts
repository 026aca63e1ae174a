import { useEffect, useState } from 'react';

/** The app's few screens live under /admin/<screen>; the server falls back to index.html for each. */
export const ADMIN_BASE = '/admin/';

export function usePath(): string {
  const [path, setPath] = useState(() => location.pathname);
  useEffect(() => {
    const onPop = (): void => setPath(location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return path;
}

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function isKitchenPath(pathname: string): boolean {
  return pathname === '/kitchen' || pathname.startsWith('/kitchen/');
}
