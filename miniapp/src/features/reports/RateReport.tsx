import { useState } from 'preact/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { StarsField } from '../../components/StarsField';
import { useAction } from '../../hooks/useRequest';
import { formatDateTime } from '../../i18n/i18n';
import { showToast } from '../../state/toast';
import { rateReport, reopenReport, type MyReportDetail } from './api';
import { r, type ReportKey } from './strings';

const STAR_WORDS: ReportKey[] = ['rate.star1', 'rate.star2', 'rate.star3', 'rate.star4', 'rate.star5'];

/** After the resolution: 1–5 stars, "was it really fixed?" (no reopens it), a comment. */
export function RateReport(props: { report: MyReportDetail; onDone(report: MyReportDetail): void }) {
  const [stars, setStars] = useState(0);
  const [fixed, setFixed] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const send = useAction();
  const submit = async () => {
    if (stars === 0 || fixed === null) return;
    const updated = await send.run(() =>
      rateReport(props.report.id, {
        rating: stars,
        fixed,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    );
    if (updated) {
      showToast(r('rate.thanks'));
      props.onDone(updated);
    }
  };
  return (
    <Card title={r('rate.title')} titleId="report-rate-title">
      <StarsField
        legend={r('rate.stars')}
        name="report-rating"
        idPrefix="report-rate"
        words={STAR_WORDS.map((word) => r(word))}
        value={stars}
        onChange={setStars}
      />
      <fieldset class="choices">
        <legend>{r('rate.fixed')}</legend>
        <div class="report-yesno">
          {([true, false] as const).map((value) => (
            <div class="choice" key={String(value)}>
              <input
                type="radio"
                name="report-fixed"
                id={`report-fixed-${value ? 'yes' : 'no'}`}
                checked={fixed === value}
                onChange={() => setFixed(value)}
              />
              <label for={`report-fixed-${value ? 'yes' : 'no'}`}>
                {value ? r('rate.yes') : r('rate.no')}
              </label>
            </div>
          ))}
        </div>
        {fixed === false && <p class="muted">{r('rate.noHint')}</p>}
      </fieldset>
      <div class="field">
        <label for="report-rate-comment">{r('rate.comment')}</label>
        <textarea
          id="report-rate-comment"
          rows={3}
          maxLength={1000}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      {send.error && (
        <p class="form-error" role="alert">
          {send.error.message}
        </p>
      )}
      <Button
        variant="primary"
        disabled={stars === 0 || fixed === null}
        busy={send.busy}
        onClick={() => void submit()}
      >
        {r('rate.send')}
      </Button>
    </Card>
  );
}

/** "Mở lại phản ánh" within the window after the resolution, with the reason. */
export function ReopenReport(props: { report: MyReportDetail; onDone(report: MyReportDetail): void }) {
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const send = useAction();
  const missing = note.trim() === '';
  const submit = async () => {
    setTried(true);
    if (missing) return;
    const updated = await send.run(() => reopenReport(props.report.id, note.trim()));
    if (updated) {
      showToast(r('reopen.done'));
      props.onDone(updated);
    }
  };
  return (
    <Card title={r('reopen.title')} titleId="report-reopen-title">
      {props.report.reopenUntil && (
        <p>{r('reopen.lead', { date: formatDateTime(props.report.reopenUntil) })}</p>
      )}
      <div class={tried && missing ? 'field field-invalid' : 'field'}>
        <label for="report-reopen-note">{r('reopen.note')}</label>
        <textarea
          id="report-reopen-note"
          rows={3}
          maxLength={2000}
          value={note}
          aria-invalid={tried && missing ? 'true' : undefined}
          aria-describedby={tried && missing ? 'report-reopen-error' : undefined}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        {tried && missing && (
          <p class="field-error" id="report-reopen-error">
            <strong>!</strong> {r('reopen.noteNeeded')}
          </p>
        )}
      </div>
      {send.error && (
        <p class="form-error" role="alert">
          {send.error.message}
        </p>
      )}
      <Button variant="secondary" busy={send.busy} onClick={() => void submit()}>
        {r('reopen.send')}
      </Button>
    </Card>
  );
}
