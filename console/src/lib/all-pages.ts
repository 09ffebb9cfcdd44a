import { api, withQuery } from '../api/client';
import type { PageOf } from '../api/types';

/** Reads every page of a list endpoint (100 at a time): for pickers over a few hundred rows. */
export async function fetchAllPages<T>(path: string, params: Record<string, string> = {}): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const result = await api<PageOf<T>>(withQuery(path, { ...params, page, pageSize: 100 }));
    all.push(...result.items);
    if (result.items.length === 0 || all.length >= result.total) return all;
  }
}
