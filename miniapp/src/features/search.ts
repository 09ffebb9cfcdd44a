import { t, type MessageKey } from '../i18n/i18n';
import { matches } from '../lib/text';
import { enabledFeatures, tileTarget } from './registry';

/**
 * The home's search box asks every source and lists what they find. Today: the province's utilities
 * and the app's own screens; procedures and news plug in here as further sources when they exist
 * (an async source that calls their search API).
 */
export interface SearchResult {
  id: string;
  title: string;
  hint?: string;
  page: string;
  params?: Record<string, string>;
}

export interface SearchContext {
  utilities: readonly string[];
}

export interface SearchSource {
  id: string;
  /** Group heading shown above the results. */
  label(): string;
  search(query: string, context: SearchContext, signal: AbortSignal): Promise<SearchResult[]>;
}

const utilitySource: SearchSource = {
  id: 'utilities',
  label: () => t('search.utility'),
  search: (query, context) =>
    Promise.resolve(
      enabledFeatures(context.utilities)
        .filter((f) => matches(`${t(f.label)} ${t(f.hint)}`, query))
        .map((f) => ({ id: f.key, title: t(f.label), hint: t(f.hint), ...tileTarget(f) })),
    ),
};

const APP_PAGES: { page: string; title: MessageKey; keywords: MessageKey }[] = [
  { page: 'inbox', title: 'nav.inbox', keywords: 'search.keywords.inbox' },
  { page: 'ho-so-cua-toi', title: 'dossiers.mine', keywords: 'search.keywords.dossiers' },
  { page: 'profile', title: 'nav.account', keywords: 'search.keywords.account' },
  { page: 'settings', title: 'nav.settings', keywords: 'search.keywords.settings' },
  { page: 'about', title: 'home.aboutLink', keywords: 'search.keywords.about' },
];

const screenSource: SearchSource = {
  id: 'screens',
  label: () => t('search.screen'),
  search: (query) =>
    Promise.resolve(
      APP_PAGES.filter((p) => matches(`${t(p.title)} ${t(p.keywords)}`, query)).map((p) => ({
        id: p.page,
        title: t(p.title),
        page: p.page,
      })),
    ),
};

export const SEARCH_SOURCES: SearchSource[] = [utilitySource, screenSource];

export interface SearchGroup {
  source: SearchSource;
  results: SearchResult[];
}

/** Runs every source; a source that fails is left out rather than failing the whole search. */
export async function searchEverything(
  query: string,
  context: SearchContext,
  signal: AbortSignal,
): Promise<SearchGroup[]> {
  const settled = await Promise.allSettled(SEARCH_SOURCES.map((s) => s.search(query, context, signal)));
  return SEARCH_SOURCES.map((source, i) => {
    const outcome = settled[i]!;
    return { source, results: outcome.status === 'fulfilled' ? outcome.value : [] };
  }).filter((group) => group.results.length > 0);
}
