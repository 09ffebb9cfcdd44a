import type { Map as LeafletMap } from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../../components/Button';
import { t } from '../../i18n/i18n';
import { navigate } from '../../state/router';
import type { FeedItem, MapConfig } from './api';
import { createMap, loadLeaflet } from './leaflet';
import { r } from './strings';

/**
 * The feed's reports as points on the map (Leaflet loads with this view only). Each point opens
 * the report; the list view carries the same reports for those who do not use the map.
 */
export function FeedMap(props: { config: MapConfig; items: FeedItem[] }) {
  const element = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    let map: LeafletMap | null = null;
    setFailed(false);
    loadLeaflet()
      .then((L) => {
        if (!live || !element.current) return;
        map = createMap(L, element.current, props.config);
        const points: [number, number][] = [];
        for (const item of props.items) {
          const done = item.state === 'resolved' || item.state === 'closed';
          L.circleMarker([item.lat, item.lng], {
            radius: 10,
            weight: 3,
            color: '#fff',
            fillColor: done ? '#1e6b34' : '#0b4f8a',
            fillOpacity: 1,
          })
            .bindTooltip(`${item.code} · ${item.category.name} · ${item.stateLabel}`)
            .on('click', () => navigate('phan-anh-cong-khai', { id: item.id }))
            .addTo(map);
          points.push([item.lat, item.lng]);
        }
        if (points.length > 0) map.fitBounds(points, { maxZoom: 15, padding: [24, 24] });
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      map?.remove();
    };
  }, [attempt, props.items, props.config]);

  if (failed) {
    return (
      <div class="state state-error" role="alert">
        <p>{r('map.failed')}</p>
        <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('common.retry')}
        </Button>
      </div>
    );
  }
  return (
    <>
      <p class="field-hint">{r('feed.mapHint')}</p>
      <div ref={element} class="report-map report-map-tall" role="region" aria-label={r('feed.mapLabel')} />
    </>
  );
}
