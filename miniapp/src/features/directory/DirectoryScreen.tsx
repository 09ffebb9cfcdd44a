import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Agency, Page } from '../../api/types';
import { Button } from '../../components/Button';
import { CallLink } from '../../components/CallLink';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { ScreenTitle } from '../../components/ScreenTitle';
import { EmptyState, RequestView } from '../../components/States';
import { useAction, useRequest } from '../../hooks/useRequest';
import { usePersistentState } from '../../hooks/usePersistentState';
import { t } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { replaceParams, routeStore } from '../../state/router';

const PAGE_SIZE = 20;

function fetchAgencies(q: string, page: number, signal?: AbortSignal): Promise<Page<Agency>> {
  return api<Page<Agency>>('/api/agencies', { query: { q: q.trim(), page, pageSize: PAGE_SIZE }, signal });
}

function AgencyCard(props: { agency: Agency }) {
  const { agency } = props;
  return (
    <li class="agency">
      <h2 class="agency-name">{agency.name}</h2>
      {agency.address && <p class="muted">{agency.address}</p>}
      {agency.phone ? (
        <CallLink phone={agency.phone} label={t('dir.callLabel', { name: agency.name, phone: agency.phone })}>
          <Icon name="phone" />
          <span>{t('dir.call', { phone: agency.phone })}</span>
        </CallLink>
      ) : (
        <p class="muted">{t('dir.noPhone')}</p>
      )}
    </li>
  );
}

/**
 * Danh bạ: the province's agencies with address and phone, searched by the server accent-insensitively
 * ("cong an" finds "Công an"). The query lives in the URL (`?page=danh-ba&q=…`), so a shared link or a
 * reload opens the same search.
 */
export default function DirectoryScreen() {
  const { params } = useStore(routeStore);
  const [text, setText] = usePersistentState('danh-ba.q', params.q ?? '');
  const [query, setQuery] = useState(params.q ?? text);
  const [more, setMore] = useState<Agency[][]>([]);

  // A deep link's q wins over what was typed earlier.
  useEffect(() => {
    if (params.q !== undefined && params.q !== text) setText(params.q);
  }, []);

  // Wait for a pause in typing: one request per word, not per letter, on a slow connection.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(text);
      replaceParams({ q: text.trim() });
    }, 400);
    return () => clearTimeout(timer);
  }, [text]);

  const first = useRequest(
    (signal) => {
      setMore([]);
      return fetchAgencies(query, 1, signal);
    },
    [query],
  );
  const loadMore = useAction();
  const showMore = async () => {
    const reply = await loadMore.run(() => fetchAgencies(query, more.length + 2));
    if (reply) setMore((pages) => [...pages, reply.items]);
  };

  return (
    <div class="screen">
      <ScreenTitle>{t('dir.title')}</ScreenTitle>
      <form role="search" onSubmit={(event) => (event.preventDefault(), setQuery(text))}>
        <Field
          id="directory-search"
          type="search"
          inputMode="search"
          label={t('dir.search')}
          hint={t('dir.searchHint')}
          value={text}
          onInput={setText}
          enterKeyHint="search"
          maxLength={100}
        />
      </form>
      <RequestView request={first}>
        {(page) => {
          const agencies = [page.items, ...more].flat();
          if (agencies.length === 0) return <EmptyState>{t('dir.empty')}</EmptyState>;
          return (
            <>
              <p class="muted" role="status">
                {t('dir.count', { n: page.total })}
              </p>
              <ul class="agencies">
                {agencies.map((agency) => (
                  <AgencyCard key={agency.id} agency={agency} />
                ))}
              </ul>
              {agencies.length < page.total && (
                <Button variant="secondary" busy={loadMore.busy} onClick={() => void showMore()}>
                  {t('common.loadMore')}
                </Button>
              )}
              {loadMore.error && (
                <p class="form-error" role="alert">
                  {loadMore.error.message}
                </p>
              )}
            </>
          );
        }}
      </RequestView>
    </div>
  );
}
