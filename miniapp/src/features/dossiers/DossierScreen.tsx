import { useState } from 'preact/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { ScreenTitle } from '../../components/ScreenTitle';
import { StarsField } from '../../components/StarsField';
import { Sheet } from '../../components/Sheet';
import { ErrorState, RequestView } from '../../components/States';
import { useAction, useRequest } from '../../hooks/useRequest';
import { formatDateTime, t, type MessageKey } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { routeStore } from '../../state/router';
import { showToast } from '../../state/toast';
import {
  downloadDossierFile,
  downloadSlip,
  findMyDossierByCode,
  getMyDossier,
  rateDossier,
  supplementDossier,
  withdrawDossier,
  type DossierDetail,
} from './api';
import { AttachmentField, type FileInfo } from './AttachmentField';
import { saveBlob } from './format';
import { DossierFacts, StatusTag, Timeline } from './parts';

const RATING_WORDS: MessageKey[] = ['dos.rate1', 'dos.rate2', 'dos.rate3', 'dos.rate4', 'dos.rate5'];

function Supplement(props: { dossier: DossierDetail; onDone(d: DossierDetail): void }) {
  const { dossier } = props;
  const request = dossier.supplementRequest;
  const fields = (dossier.form?.fields ?? []).filter((f) => f.type === 'attachment');
  const slots = fields.length
    ? fields.map((f) => ({ name: f.name, label: f.label }))
    : [{ name: 'bo_sung', label: t('dos.supplementFiles') }];
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [infos, setInfos] = useState<Record<string, FileInfo>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useAction();
  const submit = async () => {
    const files = Object.fromEntries(Object.entries(chosen).filter(([, ids]) => ids.length));
    if (Object.keys(files).length === 0) {
      setError(t('dos.supplementNeedsFile'));
      return;
    }
    setError(null);
    const updated = await send.run(() => supplementDossier(dossier.id, files, note.trim()));
    if (updated) {
      showToast(t('dos.supplementDone'));
      props.onDone(updated);
    }
  };
  return (
    <Card title={t('dos.supplementTitle')} class="card-warning">
      {request?.note && <p>{request.note}</p>}
      {request && request.items.length > 0 && (
        <>
          <p>{t('dos.supplementItems')}</p>
          <ul class="doc-list">
            {request.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
      {slots.map((slot) => (
        <AttachmentField
          key={slot.name}
          id={`sup-${slot.name}`}
          label={slot.label}
          value={chosen[slot.name] ?? []}
          maxFiles={5}
          allowPdf
          files={infos}
          error={error}
          onChange={(ids, added) => {
            if (added) setInfos((m) => ({ ...m, ...added }));
            setChosen((c) => ({ ...c, [slot.name]: ids }));
          }}
        />
      ))}
      <div class="field">
        <label for="sup-note">{t('dos.supplementNote')}</label>
        <textarea
          id="sup-note"
          rows={3}
          maxLength={1000}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      {send.error && (
        <p class="form-error" role="alert">
          {send.error.message}
        </p>
      )}
      <Button variant="primary" icon="send" busy={send.busy} onClick={() => void submit()}>
        {t('dos.supplementSend')}
      </Button>
    </Card>
  );
}

function Rating(props: { dossier: DossierDetail; onDone(d: DossierDetail): void }) {
  const [value, setValue] = useState(0);
  const [comment, setComment] = useState('');
  const send = useAction();
  const submit = async () => {
    const updated = await send.run(() => rateDossier(props.dossier.id, value, comment.trim()));
    if (updated) {
      showToast(t('dos.rateThanks'));
      props.onDone(updated);
    }
  };
  return (
    <Card title={t('dos.rateTitle')}>
      <StarsField
        legend={t('dos.rateQuestion')}
        name="rating"
        idPrefix="rate"
        words={RATING_WORDS.map((word) => t(word))}
        value={value}
        onChange={setValue}
      />
      <div class="field">
        <label for="rate-comment">{t('dos.rateComment')}</label>
        <textarea
          id="rate-comment"
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
      <Button variant="primary" disabled={value === 0} busy={send.busy} onClick={() => void submit()}>
        {t('dos.rateSend')}
      </Button>
    </Card>
  );
}

function Withdraw(props: { dossier: DossierDetail; onDone(d: DossierDetail): void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const send = useAction();
  const confirm = async () => {
    const updated = await send.run(() =>
      withdrawDossier(props.dossier.id, reason.trim() || t('dos.withdrawDefault')),
    );
    if (updated) {
      setOpen(false);
      showToast(t('dos.withdrawDone'));
      props.onDone(updated);
    }
  };
  return (
    <>
      <Button variant="quiet" icon="trash" onClick={() => setOpen(true)}>
        {t('dos.withdraw')}
      </Button>
      {open && (
        <Sheet titleId="withdraw-title" onClose={() => setOpen(false)}>
          <h2 id="withdraw-title" class="sheet-title" tabIndex={-1}>
            {t('dos.withdrawTitle')}
          </h2>
          <p>{t('dos.withdrawWarn')}</p>
          <div class="field">
            <label for="withdraw-reason">{t('dos.withdrawReason')}</label>
            <textarea
              id="withdraw-reason"
              rows={3}
              maxLength={500}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </div>
          {send.error && (
            <p class="form-error" role="alert">
              {send.error.message}
            </p>
          )}
          <div class="actions">
            <Button variant="danger" busy={send.busy} onClick={() => void confirm()}>
              {t('dos.withdrawConfirm')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('dos.withdrawKeep')}
            </Button>
          </div>
        </Sheet>
      )}
    </>
  );
}

function DossierView(props: { initial: DossierDetail }) {
  const [dossier, setDossier] = useState(props.initial);
  const download = useAction();
  const getSlip = async (slipId: string, label: string) => {
    const file = await download.run(() => downloadSlip(dossier.id, slipId));
    if (file) saveBlob(file.blob, file.fileName.endsWith('.json') ? `${label}.pdf` : file.fileName);
  };
  const getFile = async (fileId: string, name: string) => {
    const file = await download.run(() => downloadDossierFile(dossier.id, fileId));
    if (file) saveBlob(file.blob, name);
  };
  const can = (action: DossierDetail['actions'][number]) => dossier.actions.includes(action);
  return (
    <div class="screen">
      <ScreenTitle>{t('dos.title', { code: dossier.code })}</ScreenTitle>
      <p class="status-line">
        {t('dos.statusLabel')} <StatusTag status={dossier.status} />
      </p>
      <Card>
        <DossierFacts
          code={dossier.code}
          procedure={dossier.procedure.name}
          agency={dossier.agency.name}
          submittedAt={dossier.submittedAt}
          dueAt={dossier.dueAt}
          completedAt={dossier.completedAt}
        />
      </Card>
      {can('supplement') && <Supplement dossier={dossier} onDone={setDossier} />}
      {can('rate') && !dossier.rating && <Rating dossier={dossier} onDone={setDossier} />}
      {dossier.rating ? (
        <p>
          {t('dos.rated', { n: dossier.rating, word: t(RATING_WORDS[dossier.rating - 1] ?? 'dos.rate3') })}
        </p>
      ) : null}
      {dossier.slips.length > 0 && (
        <Card title={t('dos.slips')}>
          <ul class="doc-list">
            {dossier.slips.map((slip) => {
              const label = t('dos.slipLabel', { form: slip.form });
              return (
                <li key={slip.id}>
                  <button
                    type="button"
                    class="btn btn-secondary"
                    onClick={() => void getSlip(slip.id, label)}
                  >
                    <Icon name="download" />
                    <span>
                      {label} <span class="muted">({formatDateTime(slip.createdAt)})</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </Card>
      )}
      {dossier.files.length > 0 && (
        <Card title={t('dos.files')}>
          <ul class="doc-list">
            {dossier.files.map((file) => (
              <li key={file.id}>
                <button type="button" class="btn btn-quiet" onClick={() => void getFile(file.id, file.name)}>
                  <Icon name="document" />
                  <span>{file.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {download.error && (
        <p class="form-error" role="alert">
          {download.error.message}
        </p>
      )}
      <Timeline entries={dossier.timeline} />
      {can('withdraw') && <Withdraw dossier={dossier} onDone={setDossier} />}
    </div>
  );
}

/** `ho-so?id=` or `?code=` (from a notification): one of my dossiers and what I can do with it. */
export default function DossierScreen() {
  const { params } = useStore(routeStore);
  const request = useRequest(
    (signal) =>
      params.id ? getMyDossier(params.id, signal) : findMyDossierByCode(params.code ?? '', signal),
    [params.id, params.code],
  );
  return (
    <RequestView request={request}>
      {(dossier) =>
        dossier ? (
          <DossierView key={dossier.id} initial={dossier} />
        ) : (
          <div class="screen">
            <ScreenTitle>{t('dossiers.mine')}</ScreenTitle>
            <ErrorState error={null} message={t('dos.notFound')} />
          </div>
        )
      }
    </RequestView>
  );
}
