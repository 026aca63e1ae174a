import { useLiveQuery } from 'dexie-react-hooks';
import { db, type CartLine } from '../db/db';

export function useCart(): CartLine[] | undefined {
  return useLiveQuery(() => db.cart.orderBy('addedAt').toArray());
}
