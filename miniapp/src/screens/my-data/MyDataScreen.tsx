import { api, apiFile } from '../../api/client';
import type { Me } from '../../api/types';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ScreenTitle } from '../../components/ScreenTitle';
import { RequestView } from '../../components/States';
import { useAction, useRequest } from '../../hooks/useRequest';
import { t } from '../../i18n/i18n';
import { showToast } from '../../state/toast';
import { ProfileFacts } from '../ProfileScreen';
import { ConsentList } from './ConsentList';
import { DeleteAccount } from './DeleteAccount';

/** Hands the export to the browser as a download (Zalo's webview passes it to the system). */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Dữ liệu của tôi": see what is held, download it, withdraw consents, delete everything. */
export default function MyDataScreen() {
  const me = useRequest((signal) => api<Me>('/api/me', { signal }), []);
  const download = useAction();
  const exportData = async () => {
    const file = await download.run(() => apiFile('/api/me/export'));
    if (file) {
      saveFile(file.blob, file.fileName);
      showToast(t('myData.downloadDone', { file: file.fileName }));
    }
  };
  return (
    <div class="screen">
      <ScreenTitle>{t('myData.title')}</ScreenTitle>
      <p>{t('myData.intro')}</p>
      <RequestView request={me}>
        {(data) => (
          <>
            <Card>
              <ProfileFacts me={data} />
            </Card>
            <ConsentList consents={data.consents} onChange={me.retry} />
          </>
        )}
      </RequestView>
      <Card title={t('myData.download')}>
        <p id="download-hint" class="muted">
          {t('myData.downloadHint')}
        </p>
        <Button
          icon="download"
          busy={download.busy}
          describedBy="download-hint"
          onClick={() => void exportData()}
        >
          {t('myData.download')}
        </Button>
        {download.error && (
          <p class="form-error" role="alert">
            {download.error.message}
          </p>
        )}
      </Card>
      <DeleteAccount />
    </div>
  );
}
