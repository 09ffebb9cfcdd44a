import { useEffect, useRef, useState } from 'preact/hooks';
import type { MapConfig, ReportMapPoint } from '../../api/reports-types';
import { useApi } from '../../lib/use-api';
import { rt } from '../../lib/reports-text';
import type { MapHandle } from './leaflet-map';

/**
 * A Leaflet map of report points. The map library is imported on first use (see leaflet-map.ts);
 * the tiles come from the tenant's configured tile server (GET /api/reports/map-config).
 */
export function ReportsMap({
  points,
  label,
  onSelect,
  class: className = 'report-map',
}: {
  points: ReportMapPoint[];
  label: string;
  onSelect?: (point: ReportMapPoint) => void;
  class?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const handle = useRef<MapHandle | null>(null);
  const [config] = useApi<MapConfig>('/api/reports/map-config');
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  // The click handler changes with the screen's state; the map keeps calling the latest one.
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (config.status !== 'ready' || !element.current || handle.current) return;
    let live = true;
    const target = element.current;
    import('./leaflet-map').then(
      ({ createMap }) => {
        if (!live) return;
        handle.current = createMap(target, config.data, {
          label: (p) => p.code,
          ...(onSelect && { onSelect: (p: ReportMapPoint) => select.current?.(p) }),
        });
        setReady(true);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [config.status]);

  useEffect(() => () => handle.current?.destroy(), []);
  useEffect(() => {
    if (ready) handle.current?.show(points);
  }, [ready, points]);

  if (config.status === 'error' || failed) {
    return (
      <p class="state state-error" role="alert">
        {rt.mapFailed}
      </p>
    );
  }
  return <div ref={element} class={className} role="region" aria-label={label} />;
}
