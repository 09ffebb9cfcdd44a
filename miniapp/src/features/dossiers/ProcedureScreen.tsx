import { Button } from '../../components/Button';
import { CallLink } from '../../components/CallLink';
import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ErrorState, RequestView } from '../../components/States';
import { useRequest } from '../../hooks/useRequest';
import { t } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { navigate, routeStore } from '../../state/router';
import { getProcedure, type Procedure } from './api';
import { formatVnd, levelLabel } from './format';

function ProcedureView(props: { procedure: Procedure }) {
  const { procedure } = props;
  const total = procedure.fees.reduce((sum, f) => sum + f.amount, 0);
  return (
    <div class="screen">
      <ScreenTitle>{procedure.name}</ScreenTitle>
      <p class="muted">
        {procedure.field} · {t('proc.code', { code: procedure.code })}
      </p>
      <Button
        variant="primary"
        icon="send"
        onClick={() => navigate('nop-ho-so', { procedureId: procedure.id })}
      >
        {t('proc.submit')}
      </Button>
      <Card title={t('proc.documents')}>
        {procedure.documents.length === 0 ? (
          <p>{t('proc.noDocuments')}</p>
        ) : (
          <ul class="doc-list">
            {procedure.documents.map((doc) => (
              <li key={doc.name}>
                <strong>{doc.name}</strong>
                <span>
                  {t('proc.copies', { n: doc.copies })} · {doc.original ? t('proc.original') : t('proc.copy')}
                  {doc.required ? '' : ` · ${t('proc.optional')}`}
                </span>
                {doc.note && <span class="muted">{doc.note}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('proc.facts')}>
        <dl class="facts">
          <dt>{t('proc.fees')}</dt>
          <dd>
            {procedure.fees.length === 0
              ? t('proc.noFee')
              : procedure.fees.map((fee) => (
                  <span key={fee.label} class="fee">
                    {fee.label}: {formatVnd(fee.amount)}
                  </span>
                ))}
            {procedure.fees.length > 1 && (
              <span class="fee">
                <strong>
                  {t('proc.feeTotal')}: {formatVnd(total)}
                </strong>
              </span>
            )}
          </dd>
          <dt>{t('proc.time')}</dt>
          <dd>{t('proc.days', { n: procedure.processingDays })}</dd>
          <dt>{t('proc.result')}</dt>
          <dd>{procedure.result}</dd>
          <dt>{t('proc.level')}</dt>
          <dd>{levelLabel(procedure.level)}</dd>
          {procedure.legalBasis && (
            <>
              <dt>{t('proc.legal')}</dt>
              <dd>{procedure.legalBasis}</dd>
            </>
          )}
        </dl>
      </Card>
      <Card title={t('proc.agency')}>
        <p>
          <strong>{procedure.agency.name}</strong>
        </p>
        {procedure.agency.address && <p class="muted">{procedure.agency.address}</p>}
        {procedure.agency.phone && (
          <CallLink
            phone={procedure.agency.phone}
            label={t('dir.callLabel', { name: procedure.agency.name, phone: procedure.agency.phone })}
          >
            <Icon name="phone" />
            <span>{t('dir.call', { phone: procedure.agency.phone })}</span>
          </CallLink>
        )}
      </Card>
    </div>
  );
}

/** `thu-tuc?id=`: what a procedure needs, costs and takes, and "Nộp hồ sơ". */
export default function ProcedureScreen() {
  const { params } = useStore(routeStore);
  const id = params.id ?? '';
  const request = useRequest((signal) => getProcedure(id, signal), [id]);
  if (!id) return <ErrorState error={null} message={t('proc.notFound')} />;
  return (
    <RequestView request={request}>{(procedure) => <ProcedureView procedure={procedure} />}</RequestView>
  );
}
