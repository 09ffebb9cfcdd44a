import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { OfficerProfile, OfficerView, ProcedureListItem } from '../api/types';
import { roleLabel } from '../i18n';
import { fetchAllPages } from './all-pages';
import { useAgencyOptions } from './agency-options';
import { asApiError } from './use-api';

/*
 * Options of the dossier filters. Each degrades quietly: a clerk may not read the officer directory
 * or the agency tree (those are admin lists), so the agencies fall back to the officer's own and the
 * assignee filter is left out when there is nobody to offer.
 */

export interface Option {
  value: string;
  label: string;
}

function useLoaded<T>(load: () => Promise<T[]>): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    load().then(
      (list) => live && setItems(list),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return items;
}

export function useDossierAgencyOptions(officer: OfficerProfile): Option[] {
  const agencies = useAgencyOptions();
  if (agencies && agencies.length > 0) return agencies.map((a) => ({ value: a.id, label: a.name }));
  const own = new Map(officer.roles.map((r) => [r.agencyId, r.agencyName]));
  return [...own].map(([value, label]) => ({ value, label }));
}

export function useProcedureOptions(): Option[] {
  // The public catalog: readable by every officer, whatever their role.
  const items = useLoaded(() => fetchAllPages<ProcedureListItem>('/api/procedures'));
  return items.map((p) => ({ value: p.id, label: p.name }));
}

export function useOfficerOptions(agencyId?: string): Option[] | null {
  const [items, setItems] = useState<OfficerView[] | null>(null);
  useEffect(() => {
    let live = true;
    fetchAllPages<OfficerView>('/api/admin/officers', {
      sort: 'fullName',
      ...(agencyId && { agencyId }),
    }).then(
      (list) => live && setItems(list.filter((o) => !o.disabled)),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [agencyId]);
  return items && items.map((o) => ({ value: o.id, label: `${o.fullName} (${o.username})` }));
}

/** One row of GET /api/admin/dossiers/:id/assignees. */
export interface Assignee {
  id: string;
  fullName: string;
  role: string;
}

/** "Nguyễn Văn A — Chuyên viên xử lý": the role tells a handler from a supervisor of the same name. */
export function assigneeOptions(list: readonly Assignee[]): Option[] {
  return list.map((o) => ({ value: o.id, label: `${o.fullName} — ${roleLabel(o.role)}` }));
}

/**
 * Officers a dossier may be assigned to: the dossier's own list (its agency's handlers and
 * supervisors), readable by whoever may read the dossier — the officer directory is for admins, so
 * clerks and supervisors could not assign from it. The error is kept so the picker can say why it
 * is empty.
 */
export function useAssignableOfficers(dossierId: string): { options: Option[] | null; error: string | null } {
  const [state, setState] = useState<{ options: Option[] | null; error: string | null }>({
    options: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    api<Assignee[]>(`/api/admin/dossiers/${encodeURIComponent(dossierId)}/assignees`).then(
      (list) => live && setState({ options: assigneeOptions(list ?? []), error: null }),
      (error: unknown) => live && setState({ options: [], error: asApiError(error).message }),
    );
    return () => {
      live = false;
    };
  }, [dossierId]);
  return state;
}
