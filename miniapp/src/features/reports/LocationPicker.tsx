import { useState } from 'preact/hooks';
import { Icon } from '../../components/Icon';
import { ErrorState } from '../../components/States';
import { useRequest } from '../../hooks/useRequest';
import { platform } from '../../platform';
import { askConsent } from '../../state/consent';
import { loadMapConfig, zaloLocation, type Located } from './api';
import { MapPicker, type Point } from './MapPicker';
import { r } from './strings';

export interface ChosenLocation extends Point {
  source: 'device' | 'photo' | 'map';
}

/**
 * Where it happened: the phone's position (after the location consent), the first photo's GPS,
 * or a pin on the map. The commune found for the point and the suggested address show below.
 */
export function LocationPicker(props: {
  value: ChosenLocation | null;
  photoGps: Point | null;
  /** undefined while the commune is being looked up. */
  located: Located | null | undefined;
  onChange(location: ChosenLocation): void;
  error?: string | null;
}) {
  const [showMap, setShowMap] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const config = useRequest((signal) => loadMapConfig(signal), []);

  const fromDevice = async () => {
    setProblem(null);
    if (!(await askConsent('location'))) {
      setProblem(r('new.locationDeclined'));
      setShowMap(true);
      return;
    }
    setBusy(true);
    try {
      const found = await platform().location();
      if (found.kind === 'coords') {
        props.onChange({ lat: found.latitude, lng: found.longitude, source: 'device' });
      } else {
        // Zalo hands a token only the server (with the app secret) can turn into coordinates.
        const point = await zaloLocation(found.accessToken, found.token);
        props.onChange({ ...point, source: 'device' });
      }
    } catch {
      setProblem(r('new.locationFailed'));
      setShowMap(true);
    } finally {
      setBusy(false);
    }
  };

  const mapVisible = showMap || props.value !== null;
  return (
    <fieldset
      class={props.error ? 'field field-invalid' : 'field'}
      id="report-location"
      tabIndex={-1}
      aria-describedby={props.error ? 'report-location-error' : undefined}
    >
      <legend>{r('new.location')}</legend>
      <div class="actions">
        <button
          type="button"
          class="btn btn-secondary"
          aria-busy={busy ? 'true' : undefined}
          onClick={() => void fromDevice()}
        >
          {busy ? <span class="spinner" aria-hidden="true" /> : <Icon name="send" />}
          <span>{r('new.useDevice')}</span>
        </button>
        {props.photoGps && (
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() => props.onChange({ ...props.photoGps!, source: 'photo' })}
          >
            <Icon name="image" />
            <span>{r('new.usePhoto')}</span>
          </button>
        )}
        {!mapVisible && (
          <button type="button" class="btn btn-secondary" onClick={() => setShowMap(true)}>
            <Icon name="search" />
            <span>{r('new.useMap')}</span>
          </button>
        )}
      </div>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      {props.value && (
        <div class="report-location" role="status">
          <strong>{r(`new.source.${props.value.source}`)}</strong>
          <span>
            {' '}
            ({props.value.lat.toFixed(5)}, {props.value.lng.toFixed(5)})
          </span>
          <br />
          {r('new.commune')}:{' '}
          <strong data-testid="report-commune">
            {props.located === undefined
              ? r('new.locating')
              : (props.located?.commune?.name ?? r('new.communeUnknown'))}
          </strong>
        </div>
      )}
      {mapVisible &&
        (config.error ? (
          <ErrorState error={config.error} onRetry={config.retry} message={r('map.failed')} />
        ) : config.data ? (
          <MapPicker
            config={config.data}
            value={props.value}
            recentre={props.value !== null && props.value.source !== 'map'}
            onPick={(point) => props.onChange({ ...point, source: 'map' })}
          />
        ) : (
          <p class="muted">{r('map.loading')}</p>
        ))}
      {props.error && (
        <p id="report-location-error" class="field-error" role="alert">
          <strong>!</strong> {props.error}
        </p>
      )}
    </fieldset>
  );
}
