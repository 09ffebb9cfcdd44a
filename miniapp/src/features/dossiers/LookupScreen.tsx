import { useEffect, useState } from 'preact/hooks';
import { asApiError, type ApiError } from '../../api/client';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Field } from '../../components/Field';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ErrorState, Progress } from '../../components/States';
import { useAction } from '../../hooks/useRequest';
import { usePersistentState } from '../../hooks/usePersistentState';
import { t } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { platform } from '../../platform';
import { navigate, replaceParams, routeStore } from '../../state/router';
import { sessionStore } from '../../state/session';
import { showToast } from '../../state/toast';
import { linkDossier, lookupDossier, nameOf, type LookupResult } from './api';
import { DossierFacts, StatusTag, Timeline } from './parts';

/** The slip's QR holds a URL with `code` and `s` (the secret); a bare code is accepted too. */
function readQr(content: string): { code: string; secret?: string } | null {
  try {
    const url = new URL(content);
    const code = url.searchParams.get('code');
    if (code) return { code, secret: url.searchParams.get('s') ?? undefined };
  } catch {
    // not a URL
  }
  const bare = content.trim();
  return /^[\w.-]{4,40}$/.test(bare) ? { code: bare } : null;
}

function Result(props: { result: LookupResult; secret?: string }) {
  const { result } = props;
  const session = useStore(sessionStore);
  const link = useAction();
  const save = async () => {
    const dossier = await link.run(() => linkDossier(result.code, props.secret!));
    if (dossier) {
      showToast(t('lookup.saved'));
      navigate('ho-so', { id: dossier.id });
    }
  };
  return (
    <section aria-labelledby="lookup-result" class="lookup-result">
      <h2 id="lookup-result" tabIndex={-1}>
        {t('lookup.resultTitle')}
      </h2>
      <Card>
        <p class="status-line">
          {t('dos.statusLabel')} <StatusTag status={result.status} />
        </p>
        <DossierFacts
          code={result.code}
          procedure={nameOf(result.procedure)}
          agency={nameOf(result.agency)}
          submittedAt={result.submittedAt}
          dueAt={result.dueAt}
          completedAt={result.completedAt}
        />
        {result.nextStep && (
          <>
            <h3>{t('lookup.nextStep')}</h3>
            <p>{result.nextStep}</p>
          </>
        )}
      </Card>
      {props.secret &&
        (session ? (
          <>
            <Button variant="secondary" icon="folder" busy={link.busy} onClick={() => void save()}>
              {t('lookup.saveToMine')}
            </Button>
            {link.error && (
              <p class="form-error" role="alert">
                {link.error.message}
              </p>
            )}
          </>
        ) : (
          <p class="muted">{t('lookup.signInToSave')}</p>
        ))}
      <Timeline entries={result.timeline} />
    </section>
  );
}

/**
 * Tra cứu hồ sơ, no sign-in: the code and the last 4 digits of the phone, or the QR on the paper
 * slip. A deep link `?page=tra-cuu-ho-so&code=…&s=…` (what the QR opens) shows the result at once.
 */
export default function LookupScreen() {
  const { params } = useStore(routeStore);
  const [code, setCode] = usePersistentState('lookup.code', params.code ?? '');
  const [last4, setLast4] = usePersistentState('lookup.last4', '');
  const [secret, setSecret] = useState<string | undefined>(params.s);
  const [result, setResult] = useState<LookupResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ code?: string; last4?: string }>({});

  const run = async (query: { code: string; phoneLast4?: string; secret?: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const found = await lookupDossier(query);
      setResult(found);
      requestAnimationFrame(() => document.getElementById('lookup-result')?.focus());
    } catch (caught) {
      const failure = asApiError(caught);
      setError(
        failure.code === 'DOSSIER_NOT_FOUND'
          ? Object.assign(failure, { message: t('lookup.notFound') })
          : failure,
      );
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (params.code && params.s) {
      setCode(params.code);
      void run({ code: params.code, secret: params.s });
    }
  }, []);

  const submit = () => {
    const errors: typeof fieldErrors = {};
    if (!code.trim()) errors.code = t('lookup.codeMissing');
    if (!/^\d{4}$/.test(last4.trim())) errors.last4 = t('lookup.last4Invalid');
    setFieldErrors(errors);
    if (errors.code) return document.getElementById('lookup-code')?.focus();
    if (errors.last4) return document.getElementById('lookup-last4')?.focus();
    setSecret(undefined);
    replaceParams({ code: code.trim() });
    void run({ code: code.trim(), phoneLast4: last4.trim() });
  };

  const scan = async () => {
    setError(null);
    let content: string | null;
    try {
      content = await platform().scanQr();
    } catch {
      setError(asApiError(new Error('qr')));
      showToast(t('lookup.qrUnreadable'), 'error');
      return;
    }
    if (content === null) return;
    const read = readQr(content);
    if (!read) {
      showToast(t('lookup.qrUnreadable'), 'error');
      return;
    }
    setCode(read.code);
    setSecret(read.secret);
    if (read.secret) {
      replaceParams({ code: read.code, s: read.secret });
      void run({ code: read.code, secret: read.secret });
    } else document.getElementById('lookup-last4')?.focus();
  };

  return (
    <div class="screen">
      <ScreenTitle>{t('lookup.title')}</ScreenTitle>
      <p>{t('lookup.intro')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Field
          id="lookup-code"
          label={t('lookup.code')}
          hint={t('lookup.codeHint')}
          value={code}
          onInput={setCode}
          error={fieldErrors.code}
          autoComplete="off"
          maxLength={40}
        />
        <Field
          id="lookup-last4"
          type="tel"
          inputMode="numeric"
          label={t('lookup.last4')}
          hint={t('lookup.last4Hint')}
          value={last4}
          onInput={(v) => setLast4(v.replace(/\D/g, '').slice(0, 4))}
          error={fieldErrors.last4}
          maxLength={4}
          autoComplete="off"
        />
        <div class="actions">
          <Button type="submit" variant="primary" icon="search" busy={busy}>
            {t('lookup.submit')}
          </Button>
          <Button variant="secondary" icon="qr" onClick={() => void scan()}>
            {t('lookup.scan')}
          </Button>
        </div>
      </form>
      {busy && <Progress />}
      {error && <ErrorState error={error} />}
      {result && <Result result={result} secret={secret} />}
    </div>
  );
}
