import { t, type MessageKey } from '../i18n/i18n';
import { useStore } from '../lib/store';
import { answerConsent, consentRequestStore } from '../state/consent';
import { Button } from './Button';
import { Sheet } from './Sheet';

/** Asks the pending consent question (state/consent.ts): what, why, yes or no. */
export function ConsentHost() {
  const request = useStore(consentRequestStore);
  if (!request) return null;
  const key = (part: string) => `consent.${part}.${request.purpose}` as MessageKey;
  return (
    <Sheet titleId="consent-title" onClose={() => answerConsent(false)}>
      <h2 id="consent-title" class="sheet-title" tabIndex={-1}>
        {t(key('title'))}
      </h2>
      <dl class="consent-facts">
        <dt>{t('consent.whatLabel')}</dt>
        <dd>{t(key('what'))}</dd>
        <dt>{t('consent.whyLabel')}</dt>
        <dd>{t(key('why'))}</dd>
      </dl>
      <p class="muted">{t('consent.withdrawNote')}</p>
      <div class="actions">
        <Button variant="primary" icon="check" onClick={() => answerConsent(true)}>
          {t('consent.yes')}
        </Button>
        <Button variant="secondary" onClick={() => answerConsent(false)}>
          {t('consent.no')}
        </Button>
      </div>
    </Sheet>
  );
}
