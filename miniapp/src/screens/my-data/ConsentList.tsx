import { api } from '../../api/client';
import type { Consent } from '../../api/types';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { useAction } from '../../hooks/useRequest';
import { formatDateTime, t } from '../../i18n/i18n';
import { forgetConsent } from '../../state/consent';
import { showToast } from '../../state/toast';

/** Each consent with its purpose, when it was given, whether it is still in force, and "withdraw". */
export function ConsentList(props: { consents: Consent[]; onChange(): void }) {
  const action = useAction();
  const withdraw = async (consent: Consent) => {
    const done = await action.run(() => api<Consent>(`/api/me/consents/${consent.id}`, { method: 'DELETE' }));
    if (done) {
      forgetConsent(consent.purposeCode);
      showToast(t('myData.withdrawDone'));
      props.onChange();
    }
  };
  return (
    <Card title={t('myData.consents')}>
      {props.consents.length === 0 ? (
        <p class="muted">{t('myData.noConsents')}</p>
      ) : (
        <ul class="consents">
          {props.consents.map((consent) => (
            <li key={consent.id} class="consent" data-purpose={consent.purposeCode}>
              <p>{consent.purpose}</p>
              <p class="muted">{t('myData.grantedAt', { at: formatDateTime(consent.grantedAt) })}</p>
              {consent.withdrawnAt ? (
                <p>
                  <span class="tag tag-quiet">{t('myData.withdrawn')}</span>{' '}
                  {t('myData.withdrawnAt', { at: formatDateTime(consent.withdrawnAt) })}
                </p>
              ) : (
                <>
                  <p>
                    <span class="tag">{t('myData.active')}</span>
                  </p>
                  <Button variant="secondary" busy={action.busy} onClick={() => void withdraw(consent)}>
                    {t('myData.withdraw')}
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {action.error && (
        <p class="form-error" role="alert">
          {action.error.message}
        </p>
      )}
    </Card>
  );
}
