import { api } from '../api/client';
import type { Me } from '../api/types';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { List, ListItem } from '../components/List';
import { ScreenTitle } from '../components/ScreenTitle';
import { RequestView } from '../components/States';
import { useAction, useRequest } from '../hooks/useRequest';
import { formatDateTime, t } from '../i18n/i18n';
import { navigate } from '../state/router';
import { clearSession } from '../state/session';
import { showToast } from '../state/toast';

export function ProfileFacts(props: { me: Me }) {
  const { me } = props;
  return (
    <dl class="facts">
      <dt>{t('profile.name')}</dt>
      <dd>{me.name ?? t('profile.none')}</dd>
      <dt>{t('profile.phone')}</dt>
      <dd>{me.phone ?? t('profile.none')}</dd>
      <dt>{t('profile.zalo')}</dt>
      <dd>{t(me.hasZalo ? 'profile.linked' : 'profile.notLinked')}</dd>
      <dt>{t('profile.since')}</dt>
      <dd>{formatDateTime(me.createdAt)}</dd>
    </dl>
  );
}

/** Who I am to the province's system, the way to my data, and signing out. */
export default function ProfileScreen() {
  const me = useRequest((signal) => api<Me>('/api/me', { signal }), []);
  const signOut = useAction();
  const leave = async () => {
    await signOut.run(() => api('/api/auth/logout', { method: 'POST' }));
    // Even if the server could not be told, this device forgets the session.
    clearSession();
    showToast(t('profile.signedOut'));
    navigate('home', {}, true);
  };
  return (
    <div class="screen">
      <ScreenTitle>{t('profile.title')}</ScreenTitle>
      <RequestView request={me}>
        {(data) => (
          <Card>
            <ProfileFacts me={data} />
          </Card>
        )}
      </RequestView>
      <List>
        <ListItem page="ho-so-cua-toi">
          <strong>{t('dossiers.mine')}</strong>
          <span class="muted">{t('dossiers.mineHint')}</span>
        </ListItem>
        <ListItem page="my-data">
          <strong>{t('profile.myData')}</strong>
          <span class="muted">{t('profile.myDataHint')}</span>
        </ListItem>
      </List>
      <Button variant="secondary" icon="logout" busy={signOut.busy} onClick={() => void leave()}>
        {t('profile.signOut')}
      </Button>
    </div>
  );
}
