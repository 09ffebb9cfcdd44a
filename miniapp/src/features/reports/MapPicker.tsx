import type { Map as LeafletMap, Marker } from 'leaflet';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../../components/Button';
import { t } from '../../i18n/i18n';
import type { MapConfig } from './api';
import { createMap, loadLeaflet, pinIcon } from './leaflet';
import { r } from './strings';

export interface Point {
  lat: number;
  lng: number;
}

/**
 * The map to place the report: a tap puts the pin there, the pin can be dragged. Works without
 * tiles (no internet): the grey map still takes taps. Leaflet loads with this component only.
 */
export function MapPicker(props: {
  config: MapConfig;
  value: Point | null;
  /** The point came from the phone or a photo: bring the view to it (a tap keeps the view). */
  recentre: boolean;
  onPick(point: Point): void;
}) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<LeafletMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const placePin = useRef<((point: Point) => void) | null>(null);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    setFailed(false);
    loadLeaflet()
      .then((L) => {
        if (!live || !element.current) return;
        const m = createMap(L, element.current, props.config);
        const place = (point: Point) => {
          if (!marker.current) {
            marker.current = L.marker([point.lat, point.lng], {
              draggable: true,
              icon: pinIcon(L),
              keyboard: true,
              title: r('new.mapLabel'),
              alt: r('new.mapLabel'),
            }).addTo(m);
            marker.current.on('dragend', () => {
              const at = marker.current!.getLatLng();
              onPick.current({ lat: at.lat, lng: at.lng });
            });
          } else marker.current.setLatLng([point.lat, point.lng]);
        };
        m.on('click', (event) => {
          place({ lat: event.latlng.lat, lng: event.latlng.lng });
          onPick.current({ lat: event.latlng.lat, lng: event.latlng.lng });
        });
        map.current = m;
        placePin.current = place;
        setReady(true);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      map.current?.remove();
      map.current = null;
      marker.current = null;
      placePin.current = null;
    };
  }, [attempt]);

  // A position from the phone or the photo moves the pin and the view there.
  useEffect(() => {
    const m = map.current;
    if (!m || !props.value) return;
    placePin.current?.(props.value);
    if (props.recentre || !m.getBounds().contains([props.value.lat, props.value.lng])) {
      m.setView([props.value.lat, props.value.lng], Math.max(m.getZoom(), 16));
    }
  }, [ready, props.value?.lat, props.value?.lng]);

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
      <p class="field-hint" id="report-map-hint">
        {r('new.mapHint')}
      </p>
      <div
        ref={element}
        class="report-map"
        id="report-map"
        role="region"
        aria-label={r('new.mapLabel')}
        aria-describedby="report-map-hint"
        data-ready={ready ? 'true' : undefined}
      />
    </>
  );
}
