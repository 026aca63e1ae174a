import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@hiorder/domain/shared/errors';
import type { Context, Middleware } from 'koa';
import type { AppMetrics } from './metrics';
import type { ReadinessReport } from './readiness';

/** The paths of the operations endpoints: kept out of the access log, which they would flood. */
export const OPS_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * `/readyz` (200 ready / 503 not, with the checks as JSON) and `/metrics` (Prometheus text). Plain Koa rather
 * than `ApiRouter`: probes and scrapers carry no staff token, and neither belongs in the OpenAPI document.
 * `/healthz` (alive) stays in app.ts, where it answers without touching anything.
 *
 * `/metrics` tells how much a store sells and how its payments fare, so it answers only a scraper that sends
 * `Authorization: Bearer <METRICS_TOKEN>`; without a `METRICS_TOKEN`, only connections from this machine's
 * loopback (a developer's laptop). Anything else is 401 `UNAUTHENTICATED`.
 */
export function opsRoutes(input: {
  readiness: () => Promise<ReadinessReport>;
  metrics: AppMetrics;
  metricsToken: string | null;
}): Middleware {
  const expected = input.metricsToken ? digest(input.metricsToken) : null;
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/readyz') {
      const report = await input.readiness();
      ctx.status = report.ready ? 200 : 503;
      ctx.set('cache-control', 'no-store');
      ctx.body = report;
      return;
    }
    if (ctx.path === '/metrics') {
      if (!mayScrape(ctx, expected)) {
        throw new DomainError(
          'UNAUTHENTICATED',
          expected ? 'Send Authorization: Bearer <METRICS_TOKEN>.' : 'Set METRICS_TOKEN to scrape metrics from another machine.',
        );
      }
      ctx.set('content-type', input.metrics.registry.contentType);
      ctx.set('cache-control', 'no-store');
      ctx.body = await input.metrics.registry.metrics();
      return;
    }
    await next();
  };
}

function mayScrape(ctx: Context, expected: Buffer | null): boolean {
  if (!expected) return isLoopback(ctx.req.socket.remoteAddress);
  const header = ctx.get('authorization');
  if (!header.startsWith('Bearer ')) return false;
  // Compared as digests of equal length, in constant time.
  return timingSafeEqual(digest(header.slice(7).trim()), expected);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Whether a connection comes from this machine. The socket's own address, never `X-Forwarded-For` (anyone can
 * send that header); a proxy on this machine would count as local, hence a token in production.
 */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
