import { useEffect, useState } from 'preact/hooks';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { ScreenTitle } from '../../components/ScreenTitle';
import { EmptyState, RequestView } from '../../components/States';
import { useAction, useRequest } from '../../hooks/useRequest';
import { usePersistentState } from '../../hooks/usePersistentState';
import { t } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { replaceParams, routeStore } from '../../state/router';
import { procedureFields, searchProcedures, type ProcedureSummary } from './api';
import { levelLabel } from './format';

const PAGE_SIZE = 20;

function ProcedureRow(props: { procedure: ProcedureSummary; forSubmit: boolean }) {
  const { procedure } = props;
  return (
    <li>
      <Link class="list-link procedure-link" page="thu-tuc" params={{ id: procedure.id }}>
        <span class="list-text">
          <strong>{procedure.name}</strong>
          <span class="muted">{procedure.agency.name}</span>
          <span class="muted">
            {t('proc.days', { n: procedure.processingDays })} · {levelLabel(procedure.level)}
          </span>
        </span>
        <Icon name="forward" />
      </Link>
    </li>
  );
}

/**
 * Tra cứu thủ tục: search (the server ignores accents: "khai sinh" finds "Khai sinh"), or browse by
 * field. The tile "Nộp hồ sơ" opens the same list with `muc=nop` and says to pick one to submit.
 */
export default function CatalogScreen() {
  const { params } = useStore(routeStore);
  const forSubmit = params.muc === 'nop';
  const [text, setText] = usePersistentState('thu-tuc.q', params.q ?? '');
  const [query, setQuery] = useState(params.q ?? text);
  const [field, setField] = useState(params.field ?? '');
  const [more, setMore] = useState<ProcedureSummary[][]>([]);

  useEffect(() => {
    if (params.q !== undefined && params.q !== text) setText(params.q);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(text);
      replaceParams({ ...(forSubmit ? { muc: 'nop' } : {}), q: text.trim(), field });
    }, 400);
    return () => clearTimeout(timer);
  }, [text, field]);

  const fields = useRequest((signal) => procedureFields(signal), []);
  const browsing = query.trim() === '' && field === '';
  const first = useRequest(
    (signal) => {
      setMore([]);
      return searchProcedures({ q: query.trim(), field, page: 1, pageSize: PAGE_SIZE }, signal);
    },
    [query, field],
  );
  const loadMore = useAction();
  const showMore = async () => {
    const reply = await loadMore.run(() =>
      searchProcedures({ q: query.trim(), field, page: more.length + 2, pageSize: PAGE_SIZE }),
    );
    if (reply) setMore((pages) => [...pages, reply.items]);
  };

  return (
    <div class="screen">
      <ScreenTitle>{forSubmit ? t('util.nop-ho-so') : t('proc.title')}</ScreenTitle>
      {forSubmit && <p class="lead">{t('proc.chooseToSubmit')}</p>}
      <form role="search" onSubmit={(event) => (event.preventDefault(), setQuery(text))}>
        <Field
          id="procedure-search"
          type="search"
          inputMode="search"
          label={t('proc.search')}
          hint={t('proc.searchHint')}
          value={text}
          onInput={setText}
          enterKeyHint="search"
          maxLength={100}
        />
      </form>
      {field && (
        <p class="filter-row">
          <span>
            {t('proc.inField')} <strong>{field}</strong>
          </span>
          <Button variant="quiet" onClick={() => setField('')}>
            {t('proc.allFields')}
          </Button>
        </p>
      )}
      {browsing && fields.data && fields.data.length > 0 && (
        <section aria-labelledby="fields-title">
          <h2 id="fields-title">{t('proc.byField')}</h2>
          <ul class="list">
            {fields.data.map((f) => (
              <li key={f.field}>
                <button type="button" class="list-link field-button" onClick={() => setField(f.field)}>
                  <span class="list-text">
                    <strong>{f.field}</strong>
                    <span class="muted">{t('proc.count', { n: f.count })}</span>
                  </span>
                  <Icon name="forward" />
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!browsing && (
        <RequestView request={first}>
          {(page) => {
            const items = [page.items, ...more].flat();
            if (items.length === 0) return <EmptyState>{t('proc.empty')}</EmptyState>;
            return (
              <section aria-labelledby="results-title">
                <h2 id="results-title">{t('proc.results')}</h2>
                <p class="muted" role="status">
                  {t('proc.count', { n: page.total })}
                </p>
                <ul class="list procedures">
                  {items.map((p) => (
                    <ProcedureRow key={p.id} procedure={p} forSubmit={forSubmit} />
                  ))}
                </ul>
                {items.length < page.total && (
                  <Button variant="secondary" busy={loadMore.busy} onClick={() => void showMore()}>
                    {t('common.loadMore')}
                  </Button>
                )}
                {loadMore.error && (
                  <p class="form-error" role="alert">
                    {loadMore.error.message}
                  </p>
                )}
              </section>
            );
          }}
        </RequestView>
      )}
    </div>
  );
}
