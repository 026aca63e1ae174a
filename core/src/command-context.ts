import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { EntityManager } from './db/orm';

/** A guest's tablet (or a phone joined to its visit). */
export type TableActor = Extract<Actor, { role: 'table' }>;

/**
 * What every command takes, declared once: its unit of work, who asks (from the token, never the body) and the
 * instant it runs at. `now` is one `Date` for the whole command, so every row and event it writes carries the same
 * time. A command that needs more (a gateway, a reservation's length) extends it.
 */
export interface CommandContext<A extends Actor = Actor> {
  em: EntityManager;
  actor: A;
  now: Date;
}

/** A command run before anyone is signed in (pairing, login, store setup, the operator's reset): no actor. */
export type AnonymousCommandContext = Omit<CommandContext, 'actor'>;

/**
 * A saga's context (pay, cancel, refund): its phases are transactions with a provider's answer between them, so
 * each phase reads the `clock` when it runs rather than one `now` taken at the start.
 */
export interface SagaContext<A extends Actor = Actor> extends Omit<CommandContext<A>, 'now'> {
  clock: () => Date;
}
