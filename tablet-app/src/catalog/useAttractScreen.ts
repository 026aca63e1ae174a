import { DEFAULT_ATTRACT_SCREEN, type AttractScreen } from '@hiorder/domain/catalog/attract-screen';
import { useLiveQuery } from 'dexie-react-hooks';
import { readAttractScreen } from '../db/db';

/** The owner's attract screen as Dexie holds it (kept with the catalog, so it works offline). */
export function useAttractScreen(): AttractScreen {
  return useLiveQuery(readAttractScreen) ?? DEFAULT_ATTRACT_SCREEN;
}
