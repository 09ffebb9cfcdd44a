import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { MapConfig, ReportMapPoint } from '../../api/reports-types';
import { MARKER_COLOURS, markerKind } from '../../lib/reports';

/*
 * Leaflet, only ever loaded through a dynamic import() from ReportsMap, so it and its CSS are a
 * chunk of their own fetched when a map is first shown, never part of the console's first load.
 * Markers are vector circles: no marker images to resolve through the bundler, and the colour
 * carries the state (late, open, finished).
 */

export interface MapHandle {
  show(points: ReportMapPoint[]): void;
  destroy(): void;
}

export function createMap(
  element: HTMLElement,
  config: MapConfig,
  options: { onSelect?: (point: ReportMapPoint) => void; label: (point: ReportMapPoint) => string },
): MapHandle {
  const map = L.map(element, { zoomControl: true, attributionControl: true }).setView(
    [config.centre.lat, config.centre.lng],
    config.zoom,
  );
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  const layer = L.layerGroup().addTo(map);

  return {
    show(points) {
      layer.clearLayers();
      for (const point of points) {
        const colour = MARKER_COLOURS[markerKind(point)];
        const marker = L.circleMarker([point.lat, point.lng], {
          radius: 8,
          color: '#ffffff',
          weight: 2,
          fillColor: colour,
          fillOpacity: 0.95,
        });
        marker.bindTooltip(options.label(point));
        if (options.onSelect) marker.on('click', () => options.onSelect!(point));
        marker.addTo(layer);
      }
      if (points.length === 1) {
        map.setView([points[0]!.lat, points[0]!.lng], Math.max(config.zoom, 16));
      } else if (points.length > 1) {
        map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number])), {
          padding: [24, 24],
          maxZoom: 16,
        });
      } else if (config.bounds) {
        map.fitBounds(config.bounds);
      }
    },
    destroy() {
      map.remove();
    },
  };
}
