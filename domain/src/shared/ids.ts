import { uuidv7 } from 'uuidv7';
import { z } from 'zod';

/** Every aggregate id is a uuid v7: time-ordered, so inserts stay index-friendly and ids sort by creation. */
export const IdSchema = z.uuid();
export type Id = z.infer<typeof IdSchema>;

/** Makes a new uuid v7. The only place ids are minted, on every side. */
export function newId(): Id {
  return uuidv7();
}

/** A short human code for an order (last 4 hex digits), shown on the board and the kitchen tiles. */
export function shortCode(id: Id): string {
  return id.replace(/-/g, '').slice(-4).toUpperCase();
}
