import { useEffect, useState } from 'preact/hooks';
import { apiFile } from '../../api/client';
import { formatDateTime } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { sessionStore } from '../../state/session';
import type { Photo, TimelineEntry } from './api';
import { loadReportsStyles } from './leaflet';
import { r } from './strings';

/** Every reports screen links its stylesheet on first render (it is not in the shell's CSS). */
export function useReportsStyles(): void {
  useEffect(() => {
    void loadReportsStyles();
  }, []);
}

const objectUrls = new Map<string, string>();

/** A path of our API, also when the server answered an absolute URL. */
function apiPath(url: string): string {
  return /^https?:/.test(url) ? new URL(url).pathname + new URL(url).search : url;
}

/**
 * A report photo. Fetched with the app's headers (tenant, and the citizen's token for their own
 * photos) rather than a bare <img src>: inside Zalo the API is another origin chosen by header.
 */
export function ReportImage(props: { url: string; alt: string }) {
  const session = useStore(sessionStore);
  const [src, setSrc] = useState<string | null>(objectUrls.get(props.url) ?? null);
  useEffect(() => {
    if (src) return;
    let live = true;
    apiFile(apiPath(props.url))
      .then(({ blob }) => {
        const made = URL.createObjectURL(blob);
        objectUrls.set(props.url, made);
        if (live) setSrc(made);
      })
      .catch(() => undefined); // a missing photo leaves the grey box; the text still tells the story
    return () => {
      live = false;
    };
  }, [props.url, session?.token]);
  return src ? (
    <img src={src} alt={props.alt} width={160} height={120} loading="lazy" />
  ) : (
    <img alt={props.alt} width={160} height={120} src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
  );
}

export function PhotoGallery(props: { photos: Photo[]; title: string }) {
  if (props.photos.length === 0) return null;
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      <ul class="report-photos">
        {props.photos.map((photo, i) => (
          <li key={photo.url}>
            <ReportImage url={photo.url} alt={`${props.title} ${i + 1}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The state in words; the colour repeats what the words say. */
export function StateTag(props: { state: string; label: string }) {
  return (
    <span class={`report-state report-state-${props.state}`} data-state={props.state}>
      {props.label}
    </span>
  );
}

export function ReportTimeline(props: { entries: TimelineEntry[] }) {
  const entries = [...props.entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  if (entries.length === 0) return null;
  return (
    <section class="card" aria-labelledby="report-timeline">
      <h2 id="report-timeline" class="card-title">
        {r('detail.timeline')}
      </h2>
      <ol class="timeline">
        {entries.map((entry, i) => (
          <li key={`${entry.at}-${i}`} class={i === 0 ? 'timeline-latest' : undefined}>
            <strong>{entry.label ?? entry.action}</strong>
            <span class="muted">{formatDateTime(entry.at)}</span>
            {entry.note && <p>{entry.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A commune may come as a reference or as its name. */
export function communeName(commune: { name: string } | string | null | undefined): string | null {
  if (!commune) return null;
  return typeof commune === 'string' ? commune : commune.name;
}
