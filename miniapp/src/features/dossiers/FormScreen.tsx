import type { FieldDefinition, FormIssue } from '@forms/definition';
import { messageFor } from '@forms/messages';
import { fieldAt, isVisible, validateFormData } from '@forms/validate';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { asApiError, type ApiError } from '../../api/client';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ErrorState, Progress } from '../../components/States';
import { useRequest } from '../../hooks/useRequest';
import { t } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { navigate, replaceParams, routeStore } from '../../state/router';
import { showToast } from '../../state/toast';
import {
  createDraft,
  getDraft,
  getProcedure,
  loadCommunes,
  submitDossier,
  updateDraft,
  type Commune,
  type Draft,
  type Procedure,
} from './api';
import type { FileInfo } from './AttachmentField';
import { domId, FormField, type FieldContext } from './FormFields';
import { formatVnd, todayInVietnam, newUuid } from './format';
import { StatusTag } from './parts';

type Data = Record<string, unknown>;

interface FormState {
  data: Data;
  files: Record<string, FileInfo>;
  draftId?: string;
  step: 'form' | 'review' | 'done';
  /** The Idempotency-Key of the current attempt to submit; kept until the dossier exists. */
  submitKey?: string;
  done?: { id: string; code: string };
}

const storageKey = (procedureId: string) => `ctic.form.nop.${procedureId}`;

function readSaved(procedureId: string): FormState | null {
  try {
    return JSON.parse(sessionStorage.getItem(storageKey(procedureId)) ?? 'null') as FormState | null;
  } catch {
    return null;
  }
}

/** The form's state, kept in session storage so a reload (or a lost connection) loses nothing. */
function useFormState(procedureId: string, draft: Draft | null) {
  const [state, setState] = useState<FormState>(() => {
    const saved = readSaved(procedureId);
    // A draft opened from the list wins unless this device holds newer typing of the same draft.
    if (saved && (!draft || saved.draftId === draft.id)) return saved;
    return { data: draft?.data ?? {}, files: {}, draftId: draft?.id, step: 'form' };
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey(procedureId), JSON.stringify(state));
    } catch {
      // memory only
    }
  }, [procedureId, state]);
  return [state, setState] as const;
}

const AUTOSAVE_MS = 2000;

type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed' };

/**
 * Saves what was typed as a server draft (POST once, then PUT), ~2 s after the last change and
 * when the citizen leaves, so the form can be resumed on another device.
 */
function useAutosave(
  procedureId: string,
  state: FormState,
  setState: (f: (s: FormState) => FormState) => void,
) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const latest = useRef(state);
  latest.current = state;
  const dirty = useRef(false);
  const frozen = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const first = useRef(true);

  const save = useCallback(
    async (keepalive = false): Promise<void> => {
      if (frozen.current || !dirty.current) return;
      // A page being closed cannot learn the new draft's id: this device's copy covers a reload.
      if (keepalive && !latest.current.draftId) return;
      if (inFlight.current) {
        await inFlight.current;
        if (!dirty.current || frozen.current) return;
      }
      dirty.current = false;
      const { data, draftId } = latest.current;
      setStatus({ kind: 'saving' });
      const run = (async () => {
        try {
          if (draftId) await updateDraft(draftId, data, keepalive);
          else {
            const created = await createDraft(procedureId, data);
            setState((s) => ({ ...s, draftId: created.id }));
            latest.current = { ...latest.current, draftId: created.id };
            // Written at once too: the screen may be closing, and its state with it.
            const saved = readSaved(procedureId);
            if (saved)
              sessionStorage.setItem(
                storageKey(procedureId),
                JSON.stringify({ ...saved, draftId: created.id }),
              );
          }
          setStatus({ kind: 'saved', at: new Date() });
        } catch (error) {
          const failure = asApiError(error);
          // The draft was deleted elsewhere (submitted on another device): start a new one next time.
          if (failure.status === 404 && draftId) setState((s) => ({ ...s, draftId: undefined }));
          dirty.current = true;
          setStatus({ kind: 'failed' });
        } finally {
          inFlight.current = null;
        }
      })();
      inFlight.current = run;
      await run;
    },
    [procedureId],
  );

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    dirty.current = true;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [state.data]);

  useEffect(() => {
    const flush = () => void save(true);
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      void save();
    };
  }, [save]);

  return {
    status,
    /** While submitting and after: the draft belongs to the dossier now. */
    freeze(on: boolean) {
      frozen.current = on;
    },
    idle: () => inFlight.current ?? Promise.resolve(),
  };
}

/** The form's own labels for review: "Có" for a ticked box, option labels, commune names. */
function displayValue(
  field: FieldDefinition,
  value: unknown,
  communes: Commune[] | null,
  files: Record<string, FileInfo>,
): string {
  if (value === undefined || value === null || value === '') return t('form.empty');
  switch (field.type) {
    case 'checkbox':
      return value === true ? t('form.yes') : t('form.no');
    case 'select':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'multiselect':
      return (value as string[]).map((v) => field.options?.find((o) => o.value === v)?.label ?? v).join(', ');
    case 'date':
      return String(value).split('-').reverse().join('/');
    case 'address': {
      const a = value as { communeId?: string; street?: string };
      const commune = communes?.find((c) => c.id === a.communeId)?.name ?? '';
      return [a.street, commune].filter(Boolean).join(', ');
    }
    case 'attachment':
      return (value as string[]).map((id, i) => files[id]?.name ?? t('form.fileN', { n: i + 1 })).join(', ');
    default:
      return String(value);
  }
}

function Review(props: {
  procedure: Procedure;
  data: Data;
  communes: Commune[] | null;
  files: Record<string, FileInfo>;
}) {
  const { procedure, data } = props;
  const fees = procedure.fees;
  const total = fees.reduce((sum, f) => sum + f.amount, 0);
  const rows = (fields: FieldDefinition[], values: Data) =>
    fields
      .filter((f) => isVisible(f, values))
      .map((f) =>
        f.type === 'table' ? (
          <div key={f.name} class="review-table">
            <dt>{f.label}</dt>
            <dd>
              {((values[f.name] as Data[] | undefined) ?? []).map((row, i) => (
                <dl key={i} class="facts review-row">
                  <dt class="review-row-title">{t('form.rowN', { n: i + 1 })}</dt>
                  <dd />
                  {rows(f.columns ?? [], row)}
                </dl>
              ))}
              {!values[f.name] && t('form.empty')}
            </dd>
          </div>
        ) : (
          <div key={f.name}>
            <dt>{f.label}</dt>
            <dd>{displayValue(f, values[f.name], props.communes, props.files)}</dd>
          </div>
        ),
      );
  return (
    <>
      <Card title={t('form.reviewData')}>
        <dl class="facts review">{rows(procedure.form.fields, data)}</dl>
      </Card>
      <Card title={t('proc.fees')}>
        {fees.length === 0 ? (
          <p>{t('proc.noFee')}</p>
        ) : (
          <dl class="facts">
            {fees.map((fee) => (
              <div key={fee.label}>
                <dt>{fee.label}</dt>
                <dd>{formatVnd(fee.amount)}</dd>
              </div>
            ))}
            <div>
              <dt>{t('proc.feeTotal')}</dt>
              <dd>
                <strong>{formatVnd(total)}</strong>
              </dd>
            </div>
          </dl>
        )}
        <p class="muted">{t('form.feeWhen')}</p>
      </Card>
    </>
  );
}

function Success(props: { code: string; id: string }) {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.code);
      showToast(t('form.copied'));
    } catch {
      const range = document.createRange();
      const node = document.getElementById('dossier-code');
      if (node) {
        range.selectNodeContents(node);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
    }
  };
  return (
    <div class="screen success">
      <ScreenTitle>{t('form.successTitle')}</ScreenTitle>
      <Card>
        <p>{t('form.yourCode')}</p>
        <p class="dossier-code" id="dossier-code" data-code={props.code}>
          {props.code}
        </p>
        <Button variant="secondary" icon="copy" onClick={() => void copy()}>
          {t('form.copyCode')}
        </Button>
        <p>
          {t('dos.statusLabel')} <StatusTag status="submitted" />
        </p>
      </Card>
      <Card title={t('form.nextTitle')}>
        <p>{t('form.nextText')}</p>
      </Card>
      <div class="actions">
        <Button variant="primary" icon="folder" onClick={() => navigate('ho-so', { id: props.id }, true)}>
          {t('form.viewDossier')}
        </Button>
        <Button variant="secondary" icon="home" onClick={() => navigate('home', {}, true)}>
          {t('form.goHome')}
        </Button>
      </div>
    </div>
  );
}

function issuesOf(result: ReturnType<typeof validateFormData>): FormIssue[] {
  return 'issues' in result ? result.issues : [];
}

function DossierForm(props: { procedure: Procedure; draft: Draft | null }) {
  const { procedure } = props;
  const def = procedure.form;
  const [state, setState] = useFormState(procedure.id, props.draft);
  const autosave = useAutosave(procedure.id, state, setState);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverIssues, setServerIssues] = useState<FormIssue[]>([]);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const needsCommunes = useMemo(
    () => def.fields.some((f) => f.type === 'address' || f.columns?.some((c) => c.type === 'address')),
    [def],
  );
  const communes = useRequest(
    (signal) => (needsCommunes ? loadCommunes(signal) : Promise.resolve([] as Commune[])),
    [needsCommunes],
  );
  const communeList = communes.data ?? null;

  // Keep the draft's id in the address so a reload or a shared link resumes it.
  useEffect(() => {
    if (state.draftId && routeStore.get().params.draftId !== state.draftId && state.step !== 'done') {
      replaceParams({ procedureId: procedure.id, draftId: state.draftId });
    }
  }, [state.draftId]);

  // Once the citizen leaves the success screen, this form is finished.
  useEffect(
    () => () => {
      if (readSaved(procedure.id)?.step === 'done') sessionStorage.removeItem(storageKey(procedure.id));
    },
    [],
  );

  const result = useMemo(
    () =>
      validateFormData(def, state.data, {
        today: todayInVietnam(),
        communeIds: communeList && communeList.length ? new Set(communeList.map((c) => c.id)) : undefined,
      }),
    [def, state.data, communeList],
  );
  const issues = issuesOf(result);

  const errors = useMemo(() => {
    const shown: Record<string, string> = {};
    const topOf = (path: string) => path.split(/[.[]/)[0]!;
    for (const issue of issues) {
      if (showAll || touched.has(topOf(issue.path))) {
        shown[issue.path] ??= messageFor(issue, fieldAt(def, issue.path));
      }
    }
    for (const issue of serverIssues) shown[issue.path] ??= messageFor(issue, fieldAt(def, issue.path));
    return shown;
  }, [issues, showAll, touched, serverIssues, def]);

  const setValue = (name: string, value: unknown) => {
    setServerIssues((list) => list.filter((i) => !i.path.startsWith(name)));
    setState((s) => {
      const data = { ...s.data };
      if (value === undefined) delete data[name];
      else data[name] = value;
      return { ...s, data };
    });
  };

  const ctx: FieldContext = {
    errors,
    communes: communeList,
    files: state.files,
    onFiles: (added) => setState((s) => ({ ...s, files: { ...s.files, ...added } })),
    onBlur: (name) =>
      setTouched((set) => {
        if (set.has(name)) return set;
        const next = new Set(set);
        next.add(name);
        return next;
      }),
  };

  const focusFirst = (list: FormIssue[]) => {
    const first = list[0];
    if (!first) return;
    requestAnimationFrame(() => {
      const top = first.path.split(/[.[]/)[0]!;
      const target =
        document.getElementById(domId(first.path)) ??
        document.getElementById(domId(first.path.replace(/\[\d+\]$/, ''))) ??
        document.getElementById(domId(top));
      target?.focus();
      target?.scrollIntoView({ block: 'center' });
    });
  };

  const toReview = () => {
    setShowAll(true);
    if (issues.length) {
      focusFirst(issues);
      return;
    }
    setState((s) => ({ ...s, step: 'review' }));
    window.scrollTo(0, 0);
  };

  const backToForm = () => {
    setSendError(null);
    // A changed form is a new attempt: a new key, so the server never mistakes it for the old one.
    setState((s) => ({ ...s, step: 'form', submitKey: undefined }));
  };

  const send = async () => {
    if ('issues' in result) {
      backToForm();
      setShowAll(true);
      focusFirst(result.issues);
      return;
    }
    const key = state.submitKey ?? newUuid();
    if (!state.submitKey) setState((s) => ({ ...s, submitKey: key }));
    setSending(true);
    setSendError(null);
    autosave.freeze(true);
    await autosave.idle();
    try {
      const draftId = readSaved(procedure.id)?.draftId ?? state.draftId;
      const dossier = await submitDossier(
        { procedureId: procedure.id, data: result.data, ...(draftId ? { draftId } : {}) },
        key,
      );
      setState((s) => ({
        ...s,
        step: 'done',
        submitKey: undefined,
        done: { id: dossier.id, code: dossier.code },
      }));
      replaceParams({ procedureId: procedure.id });
    } catch (error) {
      const failure = asApiError(error);
      autosave.freeze(false);
      if (failure.code === 'FORM_INVALID') {
        const fields = (failure.details?.fields ?? []) as FormIssue[];
        setServerIssues(fields);
        setState((s) => ({ ...s, step: 'form', submitKey: undefined }));
        setShowAll(true);
        focusFirst(fields);
      } else {
        if (failure.code === 'IDEMPOTENCY_KEY_REUSED') setState((s) => ({ ...s, submitKey: undefined }));
        setSendError(failure);
      }
    } finally {
      setSending(false);
    }
  };

  if (state.step === 'done' && state.done) return <Success {...state.done} />;

  const saveText =
    autosave.status.kind === 'saving'
      ? t('form.saving')
      : autosave.status.kind === 'saved'
        ? t('form.savedAt', {
            time: autosave.status.at.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' }),
          })
        : autosave.status.kind === 'failed'
          ? t('form.saveFailed')
          : '';

  if (state.step === 'review') {
    return (
      <div class="screen">
        <ScreenTitle>{t('form.reviewTitle')}</ScreenTitle>
        <p class="lead">{procedure.name}</p>
        <p>{t('form.reviewIntro')}</p>
        <Review
          procedure={procedure}
          data={'data' in result ? result.data : state.data}
          communes={communeList}
          files={state.files}
        />
        {sending && (
          <p role="status" class="callout">
            <span class="spinner" aria-hidden="true" /> {t('form.sending')}
          </p>
        )}
        {sendError && (
          <div class="state state-error" role="alert">
            <p class="state-title">{t('form.sendFailedTitle')}</p>
            <p>{sendError.message}</p>
            {sendError.retryable && <p>{t('form.sendRetryNote')}</p>}
          </div>
        )}
        <div class="actions">
          <Button variant="primary" icon="send" busy={sending} onClick={() => void send()}>
            {sendError?.retryable ? t('form.sendAgain') : t('form.send')}
          </Button>
          <Button variant="secondary" icon="back" disabled={sending} onClick={backToForm}>
            {t('form.edit')}
          </Button>
        </div>
      </div>
    );
  }

  const count = Object.keys(errors).length;
  return (
    <div class="screen">
      <ScreenTitle>{t('form.title')}</ScreenTitle>
      <p class="lead">{procedure.name}</p>
      <p class="muted">{t('form.intro')}</p>
      {communes.error && <ErrorState error={communes.error} onRetry={communes.retry} />}
      <form
        noValidate
        class="dossier-form"
        onSubmit={(event) => {
          event.preventDefault();
          toReview();
        }}
      >
        {def.fields
          .filter((field) => isVisible(field, state.data))
          .map((field) => (
            <FormField
              key={field.name}
              field={field}
              path={field.name}
              top={field.name}
              value={state.data[field.name]}
              onChange={(value) => setValue(field.name, value)}
              ctx={ctx}
            />
          ))}
        {showAll && count > 0 && (
          <p class="form-error" role="alert">
            {t('form.fixErrors', { n: count })}
          </p>
        )}
        <p class="muted save-status" role="status">
          {saveText}
        </p>
        <Button type="submit" variant="primary" icon="forward">
          {t('form.next')}
        </Button>
      </form>
    </div>
  );
}

/** `nop-ho-so?procedureId=` or `?draftId=`: the procedure's form, then review, then the dossier's code. */
export default function FormScreen() {
  const { params } = useStore(routeStore);
  const [ids] = useState(() => ({ procedureId: params.procedureId, draftId: params.draftId }));
  const loaded = useRequest(async (signal) => {
    let draft: Draft | null = null;
    let procedureId = ids.procedureId;
    if (ids.draftId) {
      try {
        draft = await getDraft(ids.draftId, signal);
        procedureId = draft.procedureId;
      } catch (error) {
        // A draft already submitted or deleted: the procedure's form still opens.
        if (!procedureId) throw error;
      }
    }
    if (!procedureId) throw asApiError(new Error('no procedure'));
    const procedure = await getProcedure(procedureId, signal);
    return { procedure, draft };
  }, []);
  if (!ids.procedureId && !ids.draftId) {
    return (
      <div class="screen">
        <ScreenTitle>{t('form.title')}</ScreenTitle>
        <p>{t('form.chooseFirst')}</p>
        <Link page="tra-cuu-thu-tuc" params={{ muc: 'nop' }} class="btn btn-primary">
          <Icon name="search" />
          <span>{t('util.tra-cuu-thu-tuc')}</span>
        </Link>
      </div>
    );
  }
  if (loaded.error) {
    return (
      <div class="screen">
        <ScreenTitle>{t('form.title')}</ScreenTitle>
        <ErrorState error={loaded.error} onRetry={loaded.retry} />
      </div>
    );
  }
  if (!loaded.data) return loaded.slow ? <Progress /> : null;
  return <DossierForm procedure={loaded.data.procedure} draft={loaded.data.draft} />;
}
