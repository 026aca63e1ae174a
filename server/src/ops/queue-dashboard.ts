import { DomainError } from '@hiorder/domain/shared/errors';
import type { Context, Middleware, Next } from 'koa';
import type { AppDeps } from '../app-deps';
import { rootSql } from '@hiorder/core/db';
import { staffActorOf } from '../http/http-context';
import { assertStaffSessionLive, staffSessionVersion, QUEUE_SESSION_TTL_S } from '@hiorder/core/identity';
import type { ApiRouter } from '../http/api-router';

/** Where bull-board is served; the session cookie is scoped to this path only. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_SESSION_COOKIE = 'hiorder_queues';

/**
 * bull-board's page loads the IBM Plex fonts from Google; everything else is same-origin. Only this path gets
 * the wider policy: the apps keep the strict one.
 */
const QUEUE_DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  "font-src 'self' https://fonts.gstatic.com",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** Whether this server has a queue dashboard: only with Redis, where the queues are. */
export function hasQueueDashboard(deps: Pick<AppDeps, 'env'>): boolean {
  return Boolean(deps.env.REDIS_URL);
}

/**
 * `POST /api/queues/session` (admin): turns the bearer token into the dashboard's cookie, because a page visit
 * cannot carry an Authorization header. HttpOnly (no script reads it), SameSite=Strict and scoped to the
 * dashboard's path (no other request carries it), signed by the same key as access tokens but with its own
 * audience and a 10-minute life. `NOT_FOUND` when the server runs without Redis.
 */
export function queueDashboardRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'post',
      path: '/api/queues/session',
      summary: 'A short-lived cookie for the queue dashboard at /admin/queues (Redis mode only)',
      tag: 'ops',
      roles: ['admin'],
    },
    async ({ ctx }) => {
      if (!hasQueueDashboard(deps)) throw new DomainError('NOT_FOUND', 'The queue dashboard needs REDIS_URL.');
      const actor = staffActorOf(ctx);
      // The bearer token was just found live, so the account's current session version is the one to carry.
      const sessionVersion = await staffSessionVersion(rootSql(deps.orm), actor.staffId);
      const token = await deps.tokens.sign(
        { staffId: actor.staffId, storeId: actor.storeId, role: actor.role, sessionVersion },
        deps.now(),
        'queue-dashboard',
      );
      ctx.cookies.set(QUEUE_SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: QUEUE_DASHBOARD_PATH,
        maxAge: QUEUE_SESSION_TTL_S * 1000,
        secure: ctx.secure,
        overwrite: true,
      });
      return undefined;
    },
  );
}

export interface QueueDashboard {
  /** Serves bull-board under `QUEUE_DASHBOARD_PATH` to an admin's cookie, passes every other path on. */
  middleware: Middleware;
  close(): Promise<void>;
}

/**
 * bull-board over the events and scheduled queues (ops/queue-board.ts), behind the session cookie: no cookie or a
 * bad one → 401, a cookie of another role → 403 (the cookie is only ever issued to admins; checked again here
 * because a dashboard that retries and deletes jobs must not trust how a token came to be). Null without Redis;
 * with Redis, bull-board and BullMQ are loaded in the background, so an embedded server never loads them.
 */
export function createQueueDashboard(deps: AppDeps): QueueDashboard | null {
  const redisUrl = deps.env.REDIS_URL;
  if (!redisUrl) return null;
  const board = import('./queue-board').then((m) => m.openQueueBoard(deps, redisUrl));
  // Surfaces at the first request (and at close); never an unhandled rejection in between.
  board.catch(() => undefined);
  const inside = (path: string): boolean => path === QUEUE_DASHBOARD_PATH || path.startsWith(`${QUEUE_DASHBOARD_PATH}/`);
  return {
    async middleware(ctx: Context, next: Next) {
      if (!inside(ctx.path)) return next();
      const cookie = ctx.cookies.get(QUEUE_SESSION_COOKIE);
      if (!cookie) throw new DomainError('UNAUTHENTICATED', 'Open the queue dashboard from the admin app.');
      // TOKEN_EXPIRED is a 401 too: the admin app asks for a fresh cookie on the next click.
      const claims = await deps.tokens.verify(cookie, 'queue-dashboard');
      await assertStaffSessionLive(rootSql(deps.orm), claims);
      if (claims.role !== 'admin') throw new DomainError('FORBIDDEN', 'The queue dashboard is for admins.');
      ctx.set('content-security-policy', QUEUE_DASHBOARD_CSP);
      ctx.set('cache-control', 'no-store');
      await (await board).serve(ctx, next);
    },
    async close() {
      await (await board.catch(() => null))?.close();
    },
  };
}
