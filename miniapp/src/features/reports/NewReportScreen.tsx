import type { FormIssue } from '@forms/definition';
import { messageFor } from '@forms/messages';
import { fieldAt, validateFormData } from '@forms/validate';
import { useMemo, useState } from 'preact/hooks';
import { asApiError, type ApiError } from '../../api/client';
import { Button } from '../../components/Button';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ErrorState, Progress } from '../../components/States';
import { useRequest } from '../../hooks/useRequest';
import { sessionStore } from '../../state/session';
import { newUuid, todayInVietnam } from '../dossiers/format';
import { findNearby, loadCategories, locate, type Located, type NearbyReport, type Submitted } from './api';
import { CategoryPicker } from './CategoryPicker';
import { LocationPicker, type ChosenLocation } from './LocationPicker';
import { NearbyList } from './NearbyList';
import { removeFromOutbox, saveToOutbox, sendEntry, type OutboxEntry } from './outbox';
import { useReportsStyles } from './parts';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker';
import { r } from './strings';
import { SubmitResult } from './SubmitResult';

type Result = Submitted | 'saved' | { followed: string };

/**
 * Gửi phản ánh: photo first, then where, which field, what happened, whether the name may be shown.
 * Before sending, similar open reports nearby are offered to follow. The report is written to the
 * outbox first and removed once the server has it, so neither a dropped connection nor a closed app
 * loses it; the draft's Idempotency-Key makes every retry the same report.
 */
export default function NewReportScreen() {
  useReportsStyles();
  const categories = useRequest((signal) => loadCategories(signal), []);
  const [draftKey, setDraftKey] = useState(newUuid);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [location, setLocation] = useState<ChosenLocation | null>(null);
  const [located, setLocated] = useState<Located | null>(null);
  const [locating, setLocating] = useState(false);
  const [address, setAddress] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [description, setDescription] = useState('');
  const [showName, setShowName] = useState(false);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [showErrors, setShowErrors] = useState(false);
  const [nearby, setNearby] = useState<{ signature: string; items: NearbyReport[] } | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  const category = categories.data?.find((c) => c.id === categoryId);
  const form = category?.form ?? { fields: [] };
  const photoGps = photos.find((p) => p.gps)?.gps ?? null;
  const signature =
    category && location ? `${category.id}:${location.lat.toFixed(5)}:${location.lng.toFixed(5)}` : '';
  const similar = nearby && nearby.signature === signature ? nearby.items : [];

  const chooseLocation = (next: ChosenLocation) => {
    setLocation(next);
    setLocating(true);
    locate(next.lat, next.lng)
      .then((found) => {
        setLocated(found);
        // The suggestion fills an empty box only: what the citizen typed is theirs.
        setAddress((current) => (current.trim() === '' && found.address ? found.address : current));
      })
      .catch(() => setLocated(null)) // offline: the server finds the commune when the report arrives
      .finally(() => setLocating(false));
  };

  // Answers typed for another field's extra questions stay in the draft but are neither checked nor sent.
  const formData = useMemo(
    () =>
      Object.fromEntries(Object.entries(data).filter(([name]) => form.fields.some((f) => f.name === name))),
    [form, data],
  );
  const formIssues = useMemo<FormIssue[]>(() => {
    const checked = validateFormData(form, formData, { today: todayInVietnam() });
    return 'issues' in checked ? checked.issues : [];
  }, [form, formData]);

  const errors = {
    photos: photos.length === 0 ? r('new.photosNeeded') : null,
    location: location === null ? r('new.locationNeeded') : null,
    category: category ? null : r('new.categoryNeeded'),
    description: description.trim().length < 10 ? r('new.descriptionNeeded') : null,
  };
  const fieldErrors: Record<string, string> = {};
  for (const issue of formIssues) fieldErrors[issue.path] ??= messageFor(issue, fieldAt(form, issue.path));
  const count = Object.values(errors).filter(Boolean).length + Object.keys(fieldErrors).length;
  const shown = (text: string | null) => (showErrors ? text : null);

  const send = async (skipNearby: boolean) => {
    setShowErrors(true);
    setSendError(null);
    if (count > 0 || !location || !category) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.field-invalid, [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    if (!skipNearby && navigator.onLine && nearby?.signature !== signature) {
      setProgress(r('new.checking'));
      try {
        const items = await findNearby(category.id, location.lat, location.lng);
        setNearby({ signature, items });
        if (items.length > 0) {
          setProgress(null);
          requestAnimationFrame(() => document.getElementById('report-nearby')?.focus());
          return;
        }
      } catch {
        // the check helps but must not stop a report: go on and send (or keep it offline)
      }
    }
    const entry: OutboxEntry = {
      key: draftKey,
      citizenId: sessionStore.get()?.citizen.id ?? '',
      savedAt: new Date().toISOString(),
      categoryName: category.name,
      input: {
        categoryId: category.id,
        description: description.trim(),
        lat: location.lat,
        lng: location.lng,
        locationSource: location.source,
        ...(address.trim() ? { address: address.trim() } : {}),
        showName,
        ...(form.fields.length ? { data: formData } : {}),
      },
      photos: photos.map((p) => ({ blob: p.blob, name: p.name })),
    };
    let saved = false;
    try {
      await saveToOutbox(entry);
      saved = true;
    } catch {
      // no IndexedDB (private mode): send directly, the form stays filled if it fails
    }
    if (!navigator.onLine && saved) {
      setProgress(null);
      setResult('saved');
      return;
    }
    try {
      setProgress(r('new.uploading', { n: 1, total: photos.length }));
      const done = await sendEntry(entry, (n) =>
        setProgress(
          n < photos.length ? r('new.uploading', { n: n + 1, total: photos.length }) : r('new.sending'),
        ),
      );
      if (saved) await removeFromOutbox(entry.key).catch(() => undefined);
      setResult(done);
    } catch (error) {
      const failure = asApiError(error);
      // Offline, or the sign-in expired (the app now asks for it again): kept, sent later.
      if ((failure.retryable || failure.status === 401) && saved) setResult('saved');
      else {
        if (saved) await removeFromOutbox(entry.key).catch(() => undefined);
        setSendError(failure);
      }
    } finally {
      setProgress(null);
    }
  };

  const restart = () => {
    setDraftKey(newUuid());
    setPhotos([]);
    setLocation(null);
    setLocated(null);
    setAddress('');
    setDescription('');
    setData({});
    setShowErrors(false);
    setNearby(null);
    setResult(null);
  };

  if (result) return <SubmitResult result={result} onAnother={restart} />;
  if (categories.error) return <ErrorState error={categories.error} onRetry={categories.retry} />;
  if (!categories.data) return categories.slow ? <Progress /> : null;

  return (
    <div class="screen">
      <ScreenTitle>{r('new.title')}</ScreenTitle>
      <form
        class="report-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send(false);
        }}
      >
        <PhotoPicker photos={photos} onChange={setPhotos} error={shown(errors.photos)} />
        <LocationPicker
          value={location}
          photoGps={photoGps}
          located={locating ? undefined : located}
          onChange={chooseLocation}
          error={shown(errors.location)}
        />
        <div class="field">
          <label for="report-address">{r('new.address')}</label>
          <p class="field-hint" id="report-address-hint">
            {r('new.addressHint')}
          </p>
          <input
            id="report-address"
            type="text"
            maxLength={300}
            value={address}
            aria-describedby="report-address-hint"
            onInput={(e) => setAddress(e.currentTarget.value)}
          />
        </div>
        <CategoryPicker
          categories={categories.data}
          categoryId={categoryId}
          onCategory={setCategoryId}
          error={shown(errors.category)}
          data={data}
          fieldErrors={showErrors ? fieldErrors : {}}
          onData={(name, value) =>
            setData((current) => {
              const next = { ...current };
              if (value === undefined) delete next[name];
              else next[name] = value;
              return next;
            })
          }
        />
        <div class={shown(errors.description) ? 'field field-invalid' : 'field'}>
          <label for="report-description">{r('new.description')}</label>
          <p class="field-hint" id="report-description-hint">
            {r('new.descriptionHint')}
          </p>
          <textarea
            id="report-description"
            rows={5}
            maxLength={4000}
            value={description}
            aria-invalid={shown(errors.description) ? 'true' : undefined}
            aria-describedby={
              shown(errors.description)
                ? 'report-description-hint report-description-error'
                : 'report-description-hint'
            }
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
          {shown(errors.description) && (
            <p class="field-error" id="report-description-error">
              <strong>!</strong> {errors.description}
            </p>
          )}
        </div>
        <div class="choice">
          <input
            type="checkbox"
            id="report-show-name"
            checked={showName}
            onChange={(e) => setShowName(e.currentTarget.checked)}
          />
          <label for="report-show-name">
            <span>{r('new.showName')}</span>
            <span class="muted">{r('new.showNameHint')}</span>
          </label>
        </div>
        {showErrors && count > 0 && (
          <p class="form-error" role="alert">
            {r('new.fixErrors', { n: count })}
          </p>
        )}
        {sendError && (
          <p class="form-error" role="alert">
            {sendError.message}
          </p>
        )}
        {progress && (
          <p class="muted" role="status">
            {progress}
          </p>
        )}
        {similar.length > 0 ? (
          <NearbyList
            items={similar}
            sending={progress !== null}
            onFollowed={(report) => setResult({ followed: report.code })}
            onSendAnyway={() => void send(true)}
          />
        ) : (
          <Button type="submit" variant="primary" icon="send" busy={progress !== null}>
            {r('new.send')}
          </Button>
        )}
      </form>
    </div>
  );
}
