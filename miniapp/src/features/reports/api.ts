import type { FormDefinition } from '@forms/definition';
import { api, baseHeaders, failure, ApiError, urlFor } from '../../api/client';
import type { Page } from '../../api/types';
import { t } from '../../i18n/i18n';
import { platform } from '../../platform';

/** Shapes of the reports API the citizen screens use (docs/reports-api.md). */
export interface Ref {
  id: string;
  name: string;
}

export interface Category {
  id: string;
  code: string;
  name: string;
  description: string | null;
  slaValue: number;
  slaUnit: string;
  proofPhotoRequired: boolean;
  duplicateRadiusM: number;
  form: FormDefinition | null;
}

export interface MapConfig {
  tileUrl: string;
  attribution: string;
  centre: { lat: number; lng: number };
  zoom: number;
  bounds: [[number, number], [number, number]] | null;
}

export interface Located {
  commune: Ref | null;
  address: string | null;
}

export interface NearbyReport {
  id: string;
  code: string;
  state: string;
  stateLabel: string;
  description: string | null;
  distanceM: number;
  submittedAt: string;
  followers: number;
  photoUrl: string | null;
}

export interface NewReport {
  categoryId: string;
  description: string;
  lat: number;
  lng: number;
  locationSource: 'device' | 'photo' | 'map';
  address?: string;
  photoFileIds: string[];
  showName: boolean;
  data?: Record<string, unknown>;
}

export interface Submitted {
  id: string;
  code: string;
  state: string;
  stateLabel: string;
  agency: Ref | null;
  inTriage: boolean;
  dueAt: string | null;
}

export interface Photo {
  url: string;
  fileId?: string;
}

export interface TimelineEntry {
  at: string;
  action: string;
  label?: string | null;
  toState?: string | null;
  note?: string | null;
}

export interface MyReportItem {
  id: string;
  code: string;
  category: { name: string };
  state: string;
  stateLabel: string;
  description: string | null;
  submittedAt: string;
  updatedAt: string;
  answer: string | null;
  following: boolean;
  mine: boolean;
  photoUrl: string | null;
}

/** One report as the public (or a follower) sees it. */
export interface FeedItem {
  id: string;
  code: string;
  category: { code?: string; name: string };
  state: string;
  stateLabel: string;
  description: string | null;
  address: string | null;
  commune: Ref | string | null;
  agency: Ref | null;
  lat: number;
  lng: number;
  submittedAt: string;
  resolvedAt: string | null;
  reporterName: string | null;
  answer: string | null;
  photos: Photo[];
  resolutionPhotos: Photo[];
}

export interface FeedDetail extends FeedItem {
  timeline: TimelineEntry[];
}

/** My own report: the public fields plus what only the reporter may do with it. */
export interface MyReportDetail extends FeedDetail {
  mine?: boolean;
  following?: boolean;
  dueAt?: string | null;
  rating?: { value: number; fixed: boolean | null; comment: string | null } | null;
  rejectReasonLabel?: string | null;
  duplicateOf?: { id: string; code: string } | null;
  canRate?: boolean;
  canReopen?: boolean;
  reopenUntil?: string | null;
}

export interface AgencyScore {
  agency: Ref;
  total: number;
  resolved: number;
  onTimeRate: number | null;
  avgResolutionHours: number | null;
  avgRating: number | null;
  ratings: number;
}

export interface FeedFilters {
  state?: string;
  categoryId?: string;
  communeId?: string;
  bbox?: string;
  page?: number;
  pageSize?: number;
}

/**
 * The categories and the map settings are kept on the phone: the API is never cached by the
 * service worker, and a report must be possible to write where there is no signal.
 */
async function keptCopy<T>(key: string, load: () => Promise<T>): Promise<T> {
  const storage = platform().storage;
  try {
    const fresh = await load();
    storage.set(key, JSON.stringify(fresh));
    return fresh;
  } catch (error) {
    const saved = storage.get(key);
    if (error instanceof ApiError && error.retryable && saved) return JSON.parse(saved) as T;
    throw error;
  }
}

export const loadCategories = (signal?: AbortSignal) =>
  keptCopy('ctic.reports.categories', () => api<Category[]>('/api/reports/categories', { signal }));
export const loadMapConfig = (signal?: AbortSignal) =>
  keptCopy('ctic.reports.map', () => api<MapConfig>('/api/reports/map-config', { signal }));
export const locate = (lat: number, lng: number, signal?: AbortSignal) =>
  api<Located>('/api/reports/locate', { query: { lat, lng }, signal });
/** Inside Zalo: the server turns getLocation()'s one-use token into coordinates. */
export const zaloLocation = (accessToken: string, token: string) =>
  api<{ lat: number; lng: number }>('/api/reports/zalo-location', {
    method: 'POST',
    body: { accessToken, token },
  });
export const findNearby = (categoryId: string, lat: number, lng: number) =>
  api<NearbyReport[]>('/api/reports/nearby', { query: { categoryId, lat, lng } });

export const loadFeed = (filters: FeedFilters, signal?: AbortSignal) =>
  api<Page<FeedItem>>('/api/reports/feed', { query: { ...filters }, signal });
export const loadFeedItem = (id: string, signal?: AbortSignal) =>
  api<FeedDetail>(`/api/reports/feed/${encodeURIComponent(id)}`, { signal });
export const loadAgencyScores = (signal?: AbortSignal) =>
  api<AgencyScore[]>('/api/reports/agency-scores', { signal });

/** Sent with the key made once per draft: a retry after a lost answer files nothing twice. */
export const submitReport = (input: NewReport, idempotencyKey: string) =>
  api<Submitted>('/api/me/reports', {
    method: 'POST',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
    timeoutMs: 30_000,
  });
export const listMyReports = (page: number, signal?: AbortSignal) =>
  api<Page<MyReportItem>>('/api/me/reports', { query: { page, pageSize: 50 }, signal });
export const loadMyReport = (id: string, signal?: AbortSignal) =>
  api<MyReportDetail>(`/api/me/reports/${encodeURIComponent(id)}`, { signal });
export const follow = (id: string, on: boolean) =>
  api<{ following: boolean }>(`/api/me/reports/${encodeURIComponent(id)}/follow`, {
    method: on ? 'POST' : 'DELETE',
  });
export const rateReport = (id: string, input: { rating: number; fixed: boolean; comment?: string }) =>
  api<MyReportDetail>(`/api/me/reports/${encodeURIComponent(id)}/rate`, { method: 'POST', body: input });
export const reopenReport = (id: string, note: string) =>
  api<MyReportDetail>(`/api/me/reports/${encodeURIComponent(id)}/reopen`, {
    method: 'POST',
    body: { note },
  });

export interface UploadedImage {
  id: string;
  gps?: { lat: number; lng: number };
}

/**
 * POST /api/files?kind=image: the server re-encodes the photo (EXIF removed) and answers the
 * position the photo held. fetch, not XHR: a report's photos are small after compression and the
 * screen shows progress per photo rather than per byte.
 */
export async function uploadImage(blob: Blob, fileName: string): Promise<UploadedImage> {
  const form = new FormData();
  form.append('file', blob, fileName);
  let response: Response;
  try {
    response = await fetch(urlFor('/api/files', { kind: 'image' }), {
      method: 'POST',
      headers: baseHeaders(),
      body: form,
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new ApiError('TIMEOUT', t('error.timeout'));
    }
    throw new ApiError('NETWORK', t('error.network'));
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as UploadedImage;
}

/** A photo's address as the app can fetch it (the API may be on another origin inside Zalo). */
export function photoSrc(url: string): string {
  return /^https?:/.test(url) ? url : `${__API_BASE__}${url}`;
}
