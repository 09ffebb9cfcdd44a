import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../lib/format';

/** Dated events, newest first as given, each with who did it: a dossier's steps, a record's history. */

export interface TimelineEvent {
  id: string;
  at: string;
  actor: string;
  title: string;
  body?: ComponentChildren;
}

export function Timeline({ events, empty }: { events: TimelineEvent[]; empty: string }) {
  if (events.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ol class="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          <div class="timeline-body">
            <p class="timeline-title">{event.title}</p>
            {event.actor && <p class="timeline-actor">{event.actor}</p>}
            {event.body}
          </div>
        </li>
      ))}
    </ol>
  );
}
