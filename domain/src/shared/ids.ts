import { uuidv7 } from 'uuidv7';
import { z } from 'zod';

/** Every aggregate id is a uuid v7: time-ordered, so inserts stay index-friendly and ids sort by creation. */
export const IdSchema = z.uuid();
export type Id = z.infer<typeof IdSchema>;

/** Makes a new uuid v7. The only place ids are minted, on every side. */
export function newId(): Id {
  return uuidv7();
}

/**
 * A short human code for an order, shown on the tablet, the board and the kitchen tiles: four digits from the
 * id's random tail. Digits only, so every code has the same shape and reads aloud the same way (hex codes
 * mixed "#6930" with "#45CD"). Staff tell orders apart by table first; the code only has to differ nearby.
 */
export function shortCode(id: Id): string {
  const tail = Number.parseInt(id.replace(/-/g, '').slice(-8), 16);
  return String(tail % 10_000).padStart(4, '0');
}
