import { runScheduledJob, SCHEDULED_JOB_NAMES, type ScheduledJobName } from '@hiorder/core/scheduling';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { DomainError } from '@hiorder/domain/shared/errors';
import { LIMITS } from '@hiorder/domain/shared/limits';
import type { MikroORM } from '@mikro-orm/core';
import Koa from 'koa';
import { koaBody } from 'koa-body';
import helmet from 'koa-helmet';
import { z } from 'zod';
import { DEMO_PHOTOS_DIR } from '@hiorder/core/seed';
import type { AppDeps } from './app-deps';
import { attractScreenRoutes } from './catalog/attract-screen.routes';
import { catalogRoutes } from './catalog/catalog.routes';
import type { Env } from './env';
import { ApiRouter } from './http/api-router';
import { toErrorResponse } from './http/errors';
import type { HttpState } from './http/http-context';
import { serveFavicon, serveFolder, serveSpa } from './http/static-files';
import { identityRoutes } from './identity/identity.routes';
import { AccessTokens, setupTokenFor } from '@hiorder/core/identity';
import type { Logger } from '@hiorder/core/logger';
import { AdmissionControl } from './ordering/admission-control';
import { historyRoutes } from './history/history.routes';
import { paymentRoutes } from './payment/payment.routes';
import { splitRoutes } from './payment/split.routes';
import { orderingRoutes } from './ordering/ordering.routes';
import { createAppMetrics, type AppMetrics } from './ops/metrics';
import { OPS_PATHS, opsRoutes } from './ops/ops.routes';
import { eventFailuresRoutes } from './ops/event-failures.routes';
import { createQueueDashboard, queueDashboardRoutes } from './ops/queue-dashboard';
import { createReadinessCheck, type ReadinessReport } from './ops/readiness';
import { type EventPublisher, OutboxRelay, EVENT_PROCESSORS } from '@hiorder/core/outbox';
import type { PaymentGateway } from '@hiorder/core/payment';
import { escposSender } from '@hiorder/core/printing';
import { printingRoutes } from './printing/printing.routes';
import { createRealtimeServer, type RealtimeServer } from './realtime/realtime-server';
import { realtimeRoutes } from './realtime/realtime.routes';
import { recommendationsRoutes } from './recommendations/recommendations.routes';
import { socketPublisher } from './realtime/socket-publisher';
import { statsRoutes } from './stats/stats.routes';

export interface ServerAppInput {
  orm: MikroORM;
  env: Env;
  logger: Logger;
  jwtSecret: string;
  gateway: PaymentGateway;
  sandboxUrl: string | null;
  /** Extra publishers (in-process processors, BullMQ) added to the relay after the sockets. */
  publishers?: EventPublisher[];
  now?: () => Date;
}

export interface ServerApp {
  deps: AppDeps;
  koa: Koa;
  http: Server;
  realtime: RealtimeServer;
  api: ApiRouter;
  metrics: AppMetrics;
  /** What `/readyz` answers (graceful shutdown and tests read it too). */
  readiness(): Promise<ReadinessReport>;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Longer than HAProxy's `timeout client 60s` (deploy/haproxy) and the usual load balancers' 60 s idle timeout. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** How long `close()` lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 1000;

/**
 * Builds the whole server around an open database: HTTP API, sockets, the outbox relay and the payment gateway.
 * Nothing is global, so tests start as many as they like.
 */
export function createServerApp(input: ServerAppInput): ServerApp {
  const { env, logger } = input;
  const deps: AppDeps = {
    orm: input.orm,
    env,
    logger,
    tokens: new AccessTokens(input.jwtSecret),
    setupToken: setupTokenFor(input.jwtSecret),
    relay: new OutboxRelay(input.orm, logger.child({ module: 'outbox' }), {
      redeliverAfterMs: env.OUTBOX_REDELIVER_AFTER_MS,
      processors: EVENT_PROCESSORS,
    }),
    gateway: input.gateway,
    admission: new AdmissionControl({
      maxInFlight: env.ADMISSION_MAX_INFLIGHT,
      maxEventLoopDelayMs: env.ADMISSION_MAX_EVENT_LOOP_DELAY_MS,
      retryAfterMs: env.ADMISSION_RETRY_AFTER_MS,
    }),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    sandboxUrl: input.sandboxUrl,
    photosDir: resolve(env.DATA_DIR, 'photos'),
    printerSender: escposSender(env.PRINTER_TIMEOUT_MS),
    now: input.now ?? (() => new Date()),
  };

  const metrics = createAppMetrics(deps);
  // The realtime server (and its Redis link) is made after the HTTP stack: the probe reads it when it runs.
  let realtimeServer: RealtimeServer | null = null;
  const readiness = createReadinessCheck({
    orm: input.orm,
    admission: deps.admission,
    redisPing: env.REDIS_URL ? () => realtimeServer?.redis?.ping() ?? Promise.reject(new Error('not started')) : null,
  });

  const koa = new Koa({ proxy: true });
  const api = new ApiRouter(deps);
  identityRoutes(api, deps);
  catalogRoutes(api, deps);
  attractScreenRoutes(api, deps);
  orderingRoutes(api, deps);
  historyRoutes(api, deps);
  paymentRoutes(api, deps);
  splitRoutes(api, deps);
  realtimeRoutes(api, deps);
  statsRoutes(api, deps);
  recommendationsRoutes(api, deps);
  printingRoutes(api, deps);
  queueDashboardRoutes(api, deps);
  eventFailuresRoutes(api, deps);
  if (env.TEST_HOOKS === 'true') {
    api.route(
      {
        method: 'post',
        path: '/api/test-hooks/busy',
        summary: 'Test only: the next N placements answer BUSY',
        tag: 'test',
        roles: 'public',
        body: z.strictObject({ count: z.number().int().min(0).max(1000) }),
      },
      async ({ body }) => {
        deps.admission.forceBusy(body.count);
        return undefined;
      },
    );
    api.route(
      {
        method: 'post',
        path: '/api/test-hooks/scheduled-jobs/:name',
        summary: 'Test only: run one scheduled job now, as if the clock were minutesAhead later (the idle rule in a browser test)',
        tag: 'test',
        roles: 'public',
        params: z.strictObject({ name: z.enum(SCHEDULED_JOB_NAMES as [ScheduledJobName, ...ScheduledJobName[]]) }),
        body: z.strictObject({
          minutesAhead: z
            .number()
            .int()
            .min(0)
            .max(24 * 60),
        }),
        response: z.record(z.string(), z.number()),
      },
      async ({ params, body }) => {
        return runScheduledJob(params.name, deps, new Date(deps.now().getTime() + body.minutesAhead * 60_000));
      },
    );
  }

  koa.use(async (ctx, next) => {
    const state = ctx.state as HttpState;
    state.requestId = ctx.get('x-request-id').slice(0, 64) || randomUUID();
    ctx.set('x-request-id', state.requestId);
    // Every line logged for this request carries its id, the one the client and the proxy see.
    state.log = logger.child({ requestId: state.requestId });
    const started = performance.now();
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
        throw new DomainError('NOT_FOUND', `No route ${ctx.method} ${ctx.path}.`);
      }
      // The router's allowedMethods() answered 405 (or 501 for a method it does not know) with its Allow header
      // and a plain-text body: an API client gets the same error body as everywhere else.
      if ((ctx.status === 405 || ctx.status === 501) && ctx.path.startsWith('/api/')) {
        throw new DomainError(
          'METHOD_NOT_ALLOWED',
          `${ctx.method} is not allowed on ${ctx.path}; use ${ctx.response.get('allow') || 'another method'}.`,
        );
      }
    } catch (err) {
      const { status, body } = toErrorResponse(err, state.log, state.requestId);
      ctx.status = status;
      ctx.body = { error: body };
      const retryAfterMs = (body.details as { retryAfterMs?: number } | undefined)?.retryAfterMs;
      if (retryAfterMs && (status === 503 || status === 429)) ctx.set('retry-after', String(Math.ceil(retryAfterMs / 1000)));
    }
    if (!OPS_PATHS.has(ctx.path)) {
      state.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) }, 'request');
    }
  });
  koa.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'connect-src': ["'self'", 'ws:', 'wss:', ...(input.sandboxUrl ? [input.sandboxUrl] : []), 'https://api.tosspayments.com'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'script-src': ["'self'"],
          'worker-src': ["'self'"],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );
  koa.use(async (ctx, next) => {
    if (ctx.path === '/healthz') {
      ctx.body = { ok: true };
      return;
    }
    if (ctx.path === '/api/openapi.json') {
      ctx.body = api.openApi();
      return;
    }
    await next();
  });
  koa.use(opsRoutes({ readiness, metrics, metricsToken: env.METRICS_TOKEN ?? null }));
  // bull-board parses its own bodies and must answer before the `/admin/` SPA would take its paths.
  const queueDashboard = createQueueDashboard(deps);
  if (queueDashboard) koa.use(queueDashboard.middleware);
  koa.use(
    koaBody({
      jsonLimit: LIMITS.maxBodyBytes,
      textLimit: LIMITS.maxBodyBytes,
      formLimit: LIMITS.maxBodyBytes,
      urlencoded: false,
      text: false,
      multipart: false,
      jsonStrict: true,
      onError: (err) => {
        throw err;
      },
    }),
  );
  koa.use(async (ctx, next) => {
    // A JSON API: a body in any other type is refused rather than silently read as empty.
    if (
      ['POST', 'PUT', 'PATCH'].includes(ctx.method) &&
      ctx.path.startsWith('/api/') &&
      ctx.request.length &&
      !ctx.is('json', 'multipart')
    ) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    }
    await next();
  });
  koa.use(api.router.routes());
  koa.use(api.router.allowedMethods());
  koa.use(serveFolder('/photos/', deps.photosDir, 7 * 24 * 3600 * 1000));
  koa.use(serveFolder('/photos/', DEMO_PHOTOS_DIR, 7 * 24 * 3600 * 1000));
  koa.use(serveFavicon(resolve(REPO_ROOT, 'tablet-app/public/icons/icon-192.png')));
  koa.use(serveSpa('/tablet/', resolve(REPO_ROOT, 'tablet-app/dist')));
  koa.use(serveSpa('/admin/', resolve(REPO_ROOT, 'admin-app/dist')));
  koa.use(serveSpa('/kitchen/', resolve(REPO_ROOT, 'admin-app/dist')));
  koa.use(async (ctx, next) => {
    if (ctx.path === '/') return ctx.redirect('/tablet/');
    await next();
  });

  const http = createServer(koa.callback());
  // Node closes an idle keep-alive connection after 5 s by default. A client (or proxy) that keeps its idle
  // connections longer — HAProxy 60 s, browsers minutes, any client on a CPU-starved box whose timers run late —
  // can send its next request just as the server closes the socket, and that request gets no answer at all.
  // So the server keeps idle connections longer than any peer does (AWS's advice for load balancers too) and
  // announces it (`Keep-Alive: timeout=65`), and the headers timeout stays above it, as Node's docs require.
  http.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  http.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  let httpClosed = false;
  http.once('close', () => (httpClosed = true));
  const realtime = createRealtimeServer(http, deps);
  realtimeServer = realtime;
  metrics.watchSockets(realtime);
  deps.relay.addPublisher(socketPublisher(realtime, logger.child({ module: 'realtime' })));
  for (const publisher of input.publishers ?? []) deps.relay.addPublisher(publisher);

  return {
    deps,
    koa,
    http,
    realtime,
    api,
    metrics,
    readiness,
    async listen(port, host = '127.0.0.1') {
      await new Promise<void>((resolve) => http.listen(port, host, resolve));
      deps.relay.start();
      const address = http.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`;
    },
    async close() {
      deps.admission.drain();
      await deps.relay.stop();
      await realtime.close();
      await queueDashboard?.close();
      // Idle connections go at once; a request still running gets its answer (its connection closes after it),
      // for a moment; only then is whatever is left cut.
      // Graceful shutdown may have stopped listening already: wait for the server's 'close' either way.
      const closed = httpClosed ? Promise.resolve() : new Promise<void>((resolve) => http.once('close', () => resolve()));
      if (http.listening) http.close();
      http.closeIdleConnections();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS)))]);
      clearTimeout(grace);
      http.closeAllConnections();
      await closed;
      deps.admission.stop();
    },
  };
}
