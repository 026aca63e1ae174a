import type { Actor, Role } from '@hiorder/domain/identity/identity.schemas';
import type { Context, Next } from 'koa';
import type { AppDeps } from '../app-deps';
import { rootSql, forkEm, type EntityManager } from '@hiorder/core/db';
import { authenticate, requireRole } from '@hiorder/core/identity';
import type { Logger } from '@hiorder/core/logger';

export interface HttpState {
  requestId: string;
  /** The app's logger with this request's id bound (set by the first middleware). */
  log: Logger;
  actor?: Actor;
  em?: EntityManager;
}

/** The request's entity manager (one fork per request). */
export function emOf(ctx: Context, deps: AppDeps): EntityManager {
  const state = ctx.state as HttpState;
  state.em ??= forkEm(deps.orm);
  return state.em;
}

function bearer(ctx: Context): string | undefined {
  const header = ctx.get('authorization');
  return header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** Route middleware: authenticates the bearer token and checks the role before the handler runs. */
export function auth(deps: AppDeps, ...roles: Role[]) {
  return async (ctx: Context, next: Next): Promise<void> => {
    // No entity manager for this: a request that needs none (placement, payment) never forks one.
    const actor = await authenticate(rootSql(deps.orm), deps.tokens, bearer(ctx), deps.now());
    requireRole(actor, roles);
    (ctx.state as HttpState).actor = actor;
    await next();
  };
}

/** The actor set by `auth`. */
export function actorOf(ctx: Context): Actor {
  const actor = (ctx.state as HttpState).actor;
  if (!actor) throw new Error('auth() must run before actorOf()');
  return actor;
}

export function tableActorOf(ctx: Context): Extract<Actor, { role: 'table' }> {
  const actor = actorOf(ctx);
  if (actor.role !== 'table') throw new Error('route allowed a non-table actor');
  return actor;
}

export function staffActorOf(ctx: Context): Extract<Actor, { kind: 'staff' }> {
  const actor = actorOf(ctx);
  if (actor.kind !== 'staff') throw new Error('route allowed a non-staff actor');
  return actor;
}
