import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { PublicCategory, ReportHandler } from '../api/reports-types';
import type { AdminUnit, Agency } from '../api/types';
import { roleLabel } from '../i18n';
import { fetchAllPages } from './all-pages';
import type { Option } from './dossier-options';
import { asApiError } from './use-api';

/*
 * Options of the reports filters and pickers, from lists every officer may read: the public
 * categories, agencies and communes (the admin directories are for admins; a handler filtering the
 * inbox or a triage officer choosing an agency must not depend on them). Kept for the session.
 */

let categories: Promise<PublicCategory[]> | null = null;
let agencies: Promise<Agency[]> | null = null;
let communes: Promise<AdminUnit[]> | null = null;

/** Dropped after the configuration screen changes a category, so pickers never offer a stale list. */
export function invalidateReportCategories(): void {
  categories = null;
}

function once<T>(
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

function useOptions<T>(get: () => Promise<T[]>, toOption: (item: T) => Option): Option[] {
  const [items, setItems] = useState<Option[]>([]);
  useEffect(() => {
    let live = true;
    // A picker degrades to "no options"; the screen's own request shows any error.
    get().then(
      (list) => live && setItems(list.map(toOption)),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return items;
}

const loadCategories = () =>
  once(
    categories,
    () => api<PublicCategory[]>('/api/reports/categories'),
    (p) => (categories = p),
  );

export function useReportCategoryOptions(): Option[] {
  return useOptions(loadCategories, (c) => ({ value: c.id, label: c.name }));
}

/** One enabled category as citizens see it (its extra fields, whether a proof photo is required). */
export function usePublicCategory(id: string | undefined): PublicCategory | null {
  const [category, setCategory] = useState<PublicCategory | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    loadCategories().then(
      (list) => live && setCategory(list.find((c) => c.id === id) ?? null),
      () => live && setCategory(null),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return category;
}

export function useReportAgencyOptions(): Option[] {
  return useOptions(
    () =>
      once(
        agencies,
        () => fetchAllPages<Agency>('/api/agencies'),
        (p) => (agencies = p),
      ),
    (a) => ({ value: a.id, label: a.name }),
  );
}

export function useCommuneOptions(): Option[] {
  return useOptions(
    () =>
      once(
        communes,
        () => fetchAllPages<AdminUnit>('/api/admin-units', { level: 'commune' }),
        (p) => (communes = p),
      ),
    (u) => ({ value: u.id, label: u.name }),
  );
}

/** Handlers and supervisors of one agency, for "Phân công người xử lý"; the error says why it is empty. */
export function useReportHandlers(agencyId: string | null): {
  options: Option[] | null;
  error: string | null;
} {
  const [state, setState] = useState<{ options: Option[] | null; error: string | null }>({
    options: null,
    error: null,
  });
  useEffect(() => {
    if (!agencyId) {
      setState({ options: [], error: null });
      return;
    }
    let live = true;
    setState({ options: null, error: null });
    api<ReportHandler[]>(`/api/admin/reports/handlers?agencyId=${encodeURIComponent(agencyId)}`).then(
      (list) =>
        live &&
        setState({
          options: list.map((h) => ({ value: h.id, label: `${h.fullName} — ${roleLabel(h.role)}` })),
          error: null,
        }),
      (error: unknown) => live && setState({ options: [], error: asApiError(error).message }),
    );
    return () => {
      live = false;
    };
  }, [agencyId]);
  return state;
}
