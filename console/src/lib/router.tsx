import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/*
 * A small history router. Paths inside the app are written without the /console prefix
 * ("/officers/123?q=an"); the server answers every /console/… path with index.html, so a reload
 * or a shared link lands on the same screen with the same filters.
 */

const BASE = import.meta.env.BASE_URL.replace(/\/$/, ''); // "/console"
const NAVIGATE_EVENT = 'console:navigate';

export interface AppLocation {
  path: string;
  search: string;
  query: URLSearchParams;
}

export function readLocation(): AppLocation {
  const { pathname, search } = window.location;
  let path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  if (path === '') path = '/';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path, search, query: new URLSearchParams(search) };
}

export function href(to: string): string {
  return BASE + (to.startsWith('/') ? to : '/' + to);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = href(to);
  if (url === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Replaces the query string of the current path (used by tables for their filters). */
export function setQuery(params: URLSearchParams, options: { replace?: boolean } = {}): void {
  const text = params.toString();
  navigate(readLocation().path + (text ? '?' + text : ''), options);
}

export function useLocation(): AppLocation {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    const update = () => setLocation(readLocation());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return location;
}

/** Matches "/agencies/:id" against "/agencies/42"; returns the parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(have[i]!);
    else if (part !== have[i]) return null;
  }
  return params;
}

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  children: ComponentChildren;
};

/** An ordinary link (open in new tab, copy address all work) that navigates without a reload. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (typeof onClick === 'function') onClick(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a {...rest} href={href(to)} onClick={handle} />;
}
