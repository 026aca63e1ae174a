import type { Middleware } from 'koa';
import type { AppMetrics } from './metrics';
import type { ReadinessReport } from './readiness';

/** The paths of the operations endpoints: kept out of the access log, which they would flood. */
export const OPS_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * `/readyz` (200 ready / 503 not, with the checks as JSON) and `/metrics` (Prometheus text). Plain Koa rather
 * than `ApiRouter`: probes and scrapers carry no token, and neither belongs in the OpenAPI document. `/healthz`
 * (alive) stays in app.ts, where it answers without touching anything.
 */
export function opsRoutes(input: { readiness: () => Promise<ReadinessReport>; metrics: AppMetrics }): Middleware {
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
      ctx.set('content-type', input.metrics.registry.contentType);
      ctx.set('cache-control', 'no-store');
      ctx.body = await input.metrics.registry.metrics();
      return;
    }
    await next();
  };
}
