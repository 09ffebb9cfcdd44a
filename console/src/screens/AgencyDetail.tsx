import type { ScreenProps } from '../app';
import type { AgencyDetail as AgencyDetailData } from '../api/types';
import { DetailView } from '../components/DetailView';
import { EntityHistory } from '../components/EntityHistory';
import { ErrorState, Loading } from '../components/States';
import { agencyKindLabel, t } from '../i18n';
import { isProvinceAdmin } from '../lib/access';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { useApi } from '../lib/use-api';

export default function AgencyDetail({ officer, params }: ScreenProps) {
  const [state, reload] = useApi<AgencyDetailData>(`/api/agencies/${encodeURIComponent(params.id!)}`);
  usePageTitle(state.data?.name ?? t.agencies.title);
  const agency = state.data;
  return (
    <>
      <p class="breadcrumb">
        <Link to="/agencies">← {t.agencies.title}</Link>
      </p>
      <h1>{agency?.name ?? t.agencies.title}</h1>
      {state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !agency ? (
        <Loading />
      ) : (
        <>
          <DetailView
            title={t.agencies.title}
            actions={
              <Link to={`/agencies/${agency.id}/edit`} class="btn btn-primary">
                {t.edit}
              </Link>
            }
            fields={[
              { label: t.agencies.code, value: agency.code },
              { label: t.agencies.kind, value: agencyKindLabel(agency.kind) },
              {
                label: t.agencies.parent,
                value: agency.parent ? (
                  <Link to={`/agencies/${agency.parent.id}`}>{agency.parent.name}</Link>
                ) : (
                  t.agencies.noParent
                ),
              },
              { label: t.agencies.phone, value: agency.phone ?? t.none },
              { label: t.agencies.address, value: agency.address ?? t.none },
            ]}
          />
          <section class="panel" aria-labelledby="children-title">
            <h2 id="children-title">{t.agencies.children}</h2>
            {agency.children.length === 0 ? (
              <p class="muted">{t.agencies.noChildren}</p>
            ) : (
              <ul class="plain columns">
                {agency.children.map((c) => (
                  <li key={c.id}>
                    <Link to={`/agencies/${c.id}`}>{c.name}</Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="panel" aria-labelledby="communes-title">
            <h2 id="communes-title">{t.agencies.communes}</h2>
            {agency.communes.length === 0 ? (
              <p class="muted">{t.agencies.communesAll}</p>
            ) : (
              <ul class="plain columns">
                {agency.communes.map((c) => (
                  <li key={c.id}>
                    {c.name} <span class="muted">({c.code})</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {isProvinceAdmin(officer) && (
            <EntityHistory entityType="agency" entityId={agency.id} title={t.agencies.history} />
          )}
        </>
      )}
    </>
  );
}
