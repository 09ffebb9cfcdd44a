import type { FormDefinition } from '@forms/definition';
import { api, apiFile } from '../../api/client';
import type { Page } from '../../api/types';

/** Shapes of the procedures and dossiers API (docs/dossiers-api.md). */
export type ProcedureLevel = string;

export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  field: string;
  agency: { id: string; name: string };
  level: ProcedureLevel;
  processingDays: number;
  feeTotal: number;
}

export interface ProcedureDocument {
  name: string;
  copies: number;
  original: boolean;
  required: boolean;
  note?: string | null;
}

export interface Procedure {
  id: string;
  code: string;
  name: string;
  field: string;
  agency: { id: string; name: string; phone: string | null; address: string | null };
  level: ProcedureLevel;
  processingDays: number;
  fees: { label: string; amount: number }[];
  documents: ProcedureDocument[];
  result: string;
  legalBasis?: string | null;
  form: FormDefinition;
}

export interface FieldCount {
  field: string;
  count: number;
}

export interface Draft {
  id: string;
  procedureId: string;
  procedureName: string;
  data: Record<string, unknown>;
  updatedAt: string;
}

export type DossierStatus =
  | 'submitted'
  | 'received'
  | 'processing'
  | 'supplement_requested'
  | 'payment_requested'
  | 'result_ready'
  | 'returned'
  | 'refused'
  | 'withdrawn';

export interface TimelineEntry {
  at: string;
  action: string;
  fromStatus?: string | null;
  toStatus: string | null;
  note: string | null;
}

export interface DossierSummary {
  id: string;
  code: string;
  procedure: { id: string; name: string } | string;
  status: DossierStatus;
  submittedAt: string;
  dueAt: string | null;
  updatedAt: string;
}

export interface DossierFile {
  id: string;
  name: string;
  contentType: string;
  purpose: string;
  field: string | null;
}

export interface DossierDetail {
  id: string;
  code: string;
  procedure: { id: string; name: string; code: string };
  agency: { id: string; name: string };
  status: DossierStatus;
  channel: string;
  data: Record<string, unknown>;
  form: FormDefinition;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  returnedAt: string | null;
  feeAmount: number | null;
  rating: number | null;
  supplementRequest: { note: string | null; items: string[] } | null;
  timeline: TimelineEntry[];
  files: DossierFile[];
  slips: { id: string; form: string; createdAt: string }[];
  actions: ('supplement' | 'withdraw' | 'rate')[];
}

export interface LookupResult {
  code: string;
  procedure: { id?: string; name: string } | string;
  agency: { id?: string; name: string } | string | null;
  status: DossierStatus;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  timeline: TimelineEntry[];
  nextStep: string | null;
}

export interface Commune {
  id: string;
  code: string;
  name: string;
}

/** The procedure's or agency's name whether the server sends an object or a plain name. */
export function nameOf(value: { name: string } | string | null | undefined): string {
  if (!value) return '';
  return typeof value === 'string' ? value : value.name;
}

export const searchProcedures = (
  query: { q?: string; field?: string; page?: number; pageSize?: number },
  signal?: AbortSignal,
) => api<Page<ProcedureSummary>>('/api/procedures', { query, signal });

export const procedureFields = (signal?: AbortSignal) =>
  api<FieldCount[]>('/api/procedures/fields', { signal });

export const getProcedure = (id: string, signal?: AbortSignal) =>
  api<Procedure>(`/api/procedures/${encodeURIComponent(id)}`, { signal });

export const listDrafts = (signal?: AbortSignal) =>
  api<Page<Draft> | Draft[]>('/api/me/drafts', { signal }).then((reply) =>
    Array.isArray(reply) ? reply : reply.items,
  );

export const getDraft = (id: string, signal?: AbortSignal) =>
  api<Draft>(`/api/me/drafts/${encodeURIComponent(id)}`, { signal });

export const createDraft = (procedureId: string, data: Record<string, unknown>, keepalive = false) =>
  api<Draft>('/api/me/drafts', { method: 'POST', body: { procedureId, data }, keepalive });

export const updateDraft = (id: string, data: Record<string, unknown>, keepalive = false) =>
  api<Draft>(`/api/me/drafts/${encodeURIComponent(id)}`, { method: 'PUT', body: { data }, keepalive });

export const deleteDraft = (id: string) =>
  api<void>(`/api/me/drafts/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const submitDossier = (
  body: { procedureId: string; data: Record<string, unknown>; draftId?: string },
  idempotencyKey: string,
) =>
  api<DossierDetail>('/api/me/dossiers', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
    timeoutMs: 45_000,
  });

export const listMyDossiers = (query: { code?: string; page?: number }, signal?: AbortSignal) =>
  api<Page<DossierSummary>>('/api/me/dossiers', { query, signal });

export const getMyDossier = (id: string, signal?: AbortSignal) =>
  api<DossierDetail>(`/api/me/dossiers/${encodeURIComponent(id)}`, { signal });

/** `ho-so?code=`: the notifications name the code; the list filtered by it gives the id. */
export async function findMyDossierByCode(code: string, signal?: AbortSignal): Promise<DossierDetail | null> {
  const page = await listMyDossiers({ code }, signal);
  const match = page.items.find((d) => d.code.toLowerCase() === code.toLowerCase()) ?? page.items[0];
  return match ? getMyDossier(match.id, signal) : null;
}

const dossierAction = <T>(id: string, action: string, body: unknown) =>
  api<T>(`/api/me/dossiers/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });

export const supplementDossier = (id: string, files: Record<string, string[]>, note?: string) =>
  dossierAction<DossierDetail>(id, 'supplement', { files, note: note || undefined });

export const withdrawDossier = (id: string, reason: string) =>
  dossierAction<DossierDetail>(id, 'withdraw', { reason });

export const rateDossier = (id: string, rating: number, comment?: string) =>
  dossierAction<DossierDetail>(id, 'rating', { rating, comment: comment || undefined });

export const linkDossier = (code: string, secret: string) =>
  api<DossierDetail>('/api/me/dossiers/link', { method: 'POST', body: { code, secret } });

export const lookupDossier = (
  query: { code: string; phoneLast4?: string; secret?: string },
  signal?: AbortSignal,
) => api<LookupResult>('/api/dossiers/lookup', { query, signal });

export const downloadSlip = (dossierId: string, slipId: string) =>
  apiFile(`/api/me/dossiers/${encodeURIComponent(dossierId)}/slips/${encodeURIComponent(slipId)}`);

export const downloadDossierFile = (dossierId: string, fileId: string) =>
  apiFile(`/api/me/dossiers/${encodeURIComponent(dossierId)}/files/${encodeURIComponent(fileId)}`);

/** Every commune of the province, for the address picker (GET /api/admin-units is public). */
export async function loadCommunes(signal?: AbortSignal): Promise<Commune[]> {
  const all: Commune[] = [];
  for (let page = 1; page <= 20; page++) {
    const reply = await api<Page<Commune>>('/api/admin-units', {
      query: { level: 'commune', page, pageSize: 100 },
      signal,
    });
    all.push(...reply.items);
    if (all.length >= reply.total || reply.items.length === 0) break;
  }
  return all;
}
