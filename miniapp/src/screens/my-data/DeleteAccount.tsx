import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Sheet } from '../../components/Sheet';
import { clearPersistentState } from '../../hooks/usePersistentState';
import { useAction } from '../../hooks/useRequest';
import { t } from '../../i18n/i18n';
import { forgetAllConsents } from '../../state/consent';
import { navigate } from '../../state/router';
import { clearSession } from '../../state/session';
import { showToast } from '../../state/toast';
import { SIGN_IN_FORM_KEYS } from '../sign-in/finish';

/** Deleting everything asks once more, saying exactly what goes and that it cannot be undone. */
export function DeleteAccount() {
  const [asking, setAsking] = useState(false);
  const action = useAction();
  const remove = async () => {
    const done = await action.run(async () => {
      await api('/api/me', { method: 'DELETE' });
      return true;
    });
    if (!done) return;
    setAsking(false);
    clearSession();
    forgetAllConsents();
    SIGN_IN_FORM_KEYS.forEach(clearPersistentState);
    showToast(t('myData.deleted'));
    navigate('home', {}, true);
  };
  return (
    <Card title={t('myData.delete')} class="card-danger">
      <p class="muted">{t('myData.deleteWarn')}</p>
      <Button variant="danger" icon="trash" onClick={() => setAsking(true)}>
        {t('myData.delete')}
      </Button>
      {asking && (
        <Sheet titleId="delete-title" onClose={() => setAsking(false)}>
          <h2 id="delete-title" class="sheet-title" tabIndex={-1}>
            {t('myData.deleteTitle')}
          </h2>
          <p>{t('myData.deleteWhat')}</p>
          <p>{t('myData.deleteKept')}</p>
          <p>
            <strong>{t('myData.deleteWarn')}</strong>
          </p>
          {action.error && (
            <p class="form-error" role="alert">
              {action.error.message}
            </p>
          )}
          <div class="actions">
            <Button variant="danger" icon="trash" busy={action.busy} onClick={() => void remove()}>
              {t('myData.deleteConfirm')}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </Sheet>
      )}
    </Card>
  );
}
