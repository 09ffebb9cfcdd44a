import { useEffect, useState } from 'preact/hooks';
import type { AdminUnit, Agency } from '../api/types';
import { fetchAllPages } from './all-pages';

/*
 * Every agency the officer manages and every administrative unit, for pickers and for naming a
 * parent in a table (a province has a few hundred of each: a few pages of 100). Kept for the
 * session; the agencies are dropped after a create or edit so pickers never offer a stale tree.
 */

let agencies: Promise<Agency[]> | null = null;
let units: Promise<AdminUnit[]> | null = null;

export function invalidateAgencyOptions(): void {
  agencies = null;
}

function useCached<T>(get: () => Promise<T[]>): T[] | null {
  const [list, setList] = useState<T[] | null>(null);
  useEffect(() => {
    let live = true;
    // Pickers degrade to "no options" on failure; the screen's own request shows the error.
    get().then(
      (items) => live && setList(items),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return list;
}

function cached<T>(
  current: Promise<T[]> | null,
  load: () => Promise<T[]>,
  store: (p: Promise<T[]> | null) => void,
) {
  if (current) return current;
  const pending = load().catch((error: unknown) => {
    store(null);
    throw error;
  });
  store(pending);
  return pending;
}

export function useAgencyOptions(): Agency[] | null {
  return useCached(() =>
    cached(
      agencies,
      () => fetchAllPages<Agency>('/api/admin/agencies', { sort: 'name' }),
      (p) => (agencies = p),
    ),
  );
}

export function useAdminUnits(): AdminUnit[] | null {
  return useCached(() =>
    cached(
      units,
      () => fetchAllPages<AdminUnit>('/api/admin-units'),
      (p) => (units = p),
    ),
  );
}
