/**
 * Hash routing: #/ (workspaces), #/w/<workspace>/<section>[/<entity>]. The hash keeps the open workspace,
 * section and selected entity across reloads, and works from a file served on 127.0.0.1 with no server rules.
 */
import { useEffect, useState } from 'react';

export const SECTIONS = ['entities', 'intelligence', 'import', 'duplicates', 'chart', 'map', 'timeline', 'report', 'audit'] as const;
export type Section = (typeof SECTIONS)[number];

export type Route =
  | { page: 'home' }
  | { page: 'workspace'; workspaceId: string; section: Section; selected: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'w' && parts[1]) {
    const section = (SECTIONS as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as Section) : 'entities';
    return { page: 'workspace', workspaceId: parts[1], section, selected: parts[3] ?? null };
  }
  return { page: 'home' };
}

export function routeHref(r: Route): string {
  if (r.page === 'home') return '#/';
  const base = `#/w/${encodeURIComponent(r.workspaceId)}/${r.section}`;
  return r.selected ? `${base}/${encodeURIComponent(r.selected)}` : base;
}

export function navigate(r: Route, replace = false): void {
  const href = routeHref(r);
  if (replace) history.replaceState(null, '', href);
  else if (location.hash !== href) history.pushState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    window.addEventListener('popstate', on);
    return () => {
      window.removeEventListener('hashchange', on);
      window.removeEventListener('popstate', on);
    };
  }, []);
  return route;
}
