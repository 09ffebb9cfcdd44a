import type { BroadcastProgress } from '../../api/types';
import { t } from '../../i18n';
import { broadcastStatusLabel, formatCount } from '../../lib/notify-format';

/** Recipients, sent, failed and pending, with a progress bar of what has been handled. */
export function BroadcastProgressView({ progress, id }: { progress: BroadcastProgress; id: string }) {
  const done = progress.sent + progress.failed;
  return (
    <div class="broadcast-progress">
      <p>
        <span class={`badge broadcast-${progress.status}`}>{broadcastStatusLabel(progress.status)}</span>{' '}
        {!progress.fannedOut && progress.status === 'running' && (
          <span class="muted small">{t.notify.fanningOut}</span>
        )}
      </p>
      <label for={`${id}-bar`} class="small">
        {t.notify.progressLabel(done, progress.recipients)}
      </label>
      <progress id={`${id}-bar`} max={Math.max(progress.recipients, 1)} value={done} />
      <dl class="stat-row broadcast-counts">
        <div class="stat">
          <dt>{t.notify.recipients}</dt>
          <dd>{formatCount(progress.recipients)}</dd>
        </div>
        <div class="stat">
          <dt>{t.notify.sent}</dt>
          <dd>{formatCount(progress.sent)}</dd>
        </div>
        <div class="stat">
          <dt>{t.notify.failed}</dt>
          <dd>{formatCount(progress.failed)}</dd>
        </div>
        <div class="stat">
          <dt>{t.notify.pending}</dt>
          <dd>{formatCount(progress.pending)}</dd>
        </div>
      </dl>
    </div>
  );
}
