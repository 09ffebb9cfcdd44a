import leafletCssUrl from '../../styles/map.css?url';
import reportsCssUrl from '../../styles/reports.css?url';
import type { MapConfig } from './api';

/*
 * Leaflet (≈ 40 KB gz) and the map stylesheet (styles/map.css) load only when a map screen opens. The app builds one CSS
 * file for the shell (cssCodeSplit: false), so stylesheets of lazily loaded screens are linked as
 * files by URL instead: the home's download stays within its budget.
 */
type Leaflet = typeof import('leaflet');

const linked = new Set<string>();

export function linkStylesheet(href: string): Promise<void> {
  if (linked.has(href)) return Promise.resolve();
  linked.add(href);
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    // A stylesheet that fails leaves the screen usable (unstyled map): never block on it.
    link.onload = link.onerror = () => resolve();
    document.head.appendChild(link);
  });
}

/** The reports screens' own styles (not part of the shell's stylesheet). */
export function loadReportsStyles(): Promise<void> {
  return linkStylesheet(reportsCssUrl);
}

let leaflet: Promise<Leaflet> | null = null;

export function loadLeaflet(): Promise<Leaflet> {
  leaflet ??= Promise.all([import('leaflet'), linkStylesheet(leafletCssUrl)])
    .then(([module]) => ((module as { default?: Leaflet }).default ?? module) as Leaflet)
    .catch((error: unknown) => {
      leaflet = null; // offline: let "Thử lại" fetch it again
      throw error;
    });
  return leaflet;
}

/**
 * A map with the province's tiles. Tiles that fail (no internet, blocked server) leave a grey map
 * that still takes taps and shows pins: the location can always be chosen.
 */
export function createMap(L: Leaflet, element: HTMLElement, config: MapConfig) {
  const map = L.map(element, { zoomControl: true, attributionControl: true });
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  if (config.bounds) map.fitBounds(config.bounds);
  else map.setView([config.centre.lat, config.centre.lng], config.zoom);
  return map;
}

/** A pin drawn in CSS: Leaflet's default marker images are not part of our build. */
export function pinIcon(L: Leaflet) {
  return L.divIcon({
    className: 'report-pin',
    iconSize: [32, 40],
    iconAnchor: [16, 40],
    html: '<span></span>',
  });
}
