import { createStore } from '../lib/store';

/**
 * The screen is the `page` query parameter, the same on the web (`/?page=inbox`) and inside Zalo
 * (`https://zalo.me/s/{APP_ID}/?page=inbox`), so a deep link or the QR code on a paper slip opens the
 * named screen with its parameters. Navigation uses the History API: the back button works.
 */
export interface Route {
  page: string;
  params: Record<string, string>;
}

const BASE = import.meta.env.BASE_URL;

function readLocation(): Route {
  const search = new URLSearchParams(window.location.search);
  const page = search.get('page') || 'home';
  search.delete('page');
  return { page, params: Object.fromEntries(search) };
}

export const routeStore = createStore<Route>(readLocation());

/** True once the citizen has moved inside the app (focus then goes to each new screen's title). */
export let navigatedInApp = false;

window.addEventListener('popstate', () => {
  navigatedInApp = true;
  routeStore.set(readLocation());
});

export function hrefFor(page: string, params: Record<string, string> = {}): string {
  if (page === 'home' && Object.keys(params).length === 0) return BASE;
  const search = new URLSearchParams({ page, ...params });
  return `${BASE}?${search.toString()}`;
}

/** How many screens the citizen opened inside the app before this one (0 for a deep link). */
function depth(): number {
  return (history.state as { depth?: number } | null)?.depth ?? 0;
}

export function navigate(page: string, params: Record<string, string> = {}, replace = false): void {
  const href = hrefFor(page, params);
  if (replace) history.replaceState({ depth: depth() }, '', href);
  else history.pushState({ depth: depth() + 1 }, '', href);
  navigatedInApp = true;
  routeStore.set(readLocation());
  if (!replace) window.scrollTo(0, 0);
}

/** Rewrites the current screen's parameters (e.g. the search text) without a new history entry. */
export function replaceParams(params: Record<string, string>): void {
  const { page } = routeStore.get();
  const clean = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== ''));
  history.replaceState({ depth: depth() }, '', hrefFor(page, clean));
  routeStore.set(readLocation());
}

/** The current location as a `next` value, so sign-in can return to it. */
export function currentTarget(): string {
  return window.location.search.replace(/^\?/, '');
}

/** Goes to a target saved by currentTarget(); home when it is missing. */
export function navigateToTarget(target: string | undefined, replace = true): void {
  const search = new URLSearchParams(target ?? '');
  const page = search.get('page') || 'home';
  search.delete('page');
  navigate(page, Object.fromEntries(search), replace);
}

/** The header's back button: back in history when there is an in-app screen to return to, else home. */
export function goBack(): void {
  if (depth() > 0) history.back();
  else navigate('home', {}, true);
}
