import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context, Next } from 'koa';
import send from 'koa-send';

/**
 * Serves a built single-page app under a prefix (`/tablet/`, `/admin/`, `/kitchen/`): files when they exist,
 * `index.html` otherwise (client-side routes). Hashed assets are cached for a year (`immutable`); the HTML and
 * the service worker never, so a new build reaches the tablets at their next load. The builds hold brotli and
 * gzip copies of their text files (vite-plugin-compression2); koa-send answers with the one the request's
 * Accept-Encoding takes (`Content-Encoding: br` or `gzip`), so no response is compressed per request.
 */
export function serveSpa(prefix: string, distDir: string) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === prefix.slice(0, -1)) return ctx.redirect(prefix);
    if (!ctx.path.startsWith(prefix)) return next();
    if (!existsSync(resolve(distDir, 'index.html'))) {
      ctx.type = 'html';
      ctx.body = placeholderPage(prefix);
      return;
    }
    const rel = ctx.path.slice(prefix.length) || 'index.html';
    const immutable = rel.startsWith('assets/');
    try {
      await send(ctx, rel, {
        root: distDir,
        immutable,
        maxage: immutable ? 365 * 24 * 3600 * 1000 : 0,
        setHeaders: (res, path) => {
          // Caches must keep the brotli, gzip and plain answers of one URL apart.
          res.setHeader('vary', 'Accept-Encoding');
          if (!immutable || path.endsWith('.html') || path.endsWith('sw.js')) res.setHeader('cache-control', 'no-cache');
        },
      });
    } catch (err) {
      if ((err as { status?: number }).status !== 404 || rel.startsWith('assets/')) throw err;
      await send(ctx, 'index.html', {
        root: distDir,
        setHeaders: (res) => {
          res.setHeader('vary', 'Accept-Encoding');
          res.setHeader('cache-control', 'no-cache');
        },
      });
    }
  };
}

/** `/favicon.ico`, which browsers ask every origin for: the app icon (a PNG; browsers go by its content type). */
export function serveFavicon(pngFile: string) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.path !== '/favicon.ico' || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || !existsSync(pngFile)) return next();
    ctx.type = 'image/png';
    ctx.set('cache-control', 'public, max-age=86400');
    ctx.body = createReadStream(pngFile);
  };
}

/** Serves files of one folder under a prefix (menu photos). */
export function serveFolder(prefix: string, dir: string, maxAgeMs: number) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith(prefix)) return next();
    const rel = ctx.path.slice(prefix.length);
    if (!/^[\w.-]+$/.test(rel)) return next();
    await send(ctx, rel, { root: dir, maxage: maxAgeMs }).catch((err: unknown) => {
      if ((err as { status?: number }).status === 404) return next();
      throw err;
    });
  };
}

function placeholderPage(prefix: string): string {
  return `<!doctype html><meta charset="utf-8"><title>hiorder</title><body style="font-family:sans-serif;padding:2rem">
<h1>hiorder ${prefix}</h1><p>This app is not built yet: run <code>npx -y pnpm@10 build</code>.</p></body>`;
}
