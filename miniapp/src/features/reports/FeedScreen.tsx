import { useState } from 'preact/hooks';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { ScreenTitle } from '../../components/ScreenTitle';
import { EmptyState, ErrorState, Progress, RequestView } from '../../components/States';
import { Tabs } from '../../components/Tabs';
import { useRequest } from '../../hooks/useRequest';
import { formatDateTime } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { replaceParams, routeStore } from '../../state/router';
import { loadCommunes } from '../dossiers/api';
import { AgencyScores } from './AgencyScores';
import { loadCategories, loadFeed, loadFeedItem, loadMapConfig, type FeedItem } from './api';
import { FeedMap } from './FeedMap';
import { communeName, ReportImage, StateTag, useReportsStyles } from './parts';
import { ReportView } from './ReportView';
import { r } from './strings';

type View = 'list' | 'map' | 'scores';
const PUBLIC_STATES = ['in_progress', 'resolved', 'closed'] as const;
const PAGE_SIZE = 20;
/** The map shows at most this many of the filtered reports (the newest). */
const MAP_SIZE = 100;

function FeedDetailView(props: { id: string }) {
  const request = useRequest((signal) => loadFeedItem(props.id, signal), [props.id]);
  return (
    <RequestView request={request}>
      {(report) => (
        <div class="screen">
          <ScreenTitle>{r('detail.title', { code: report.code })}</ScreenTitle>
          <ReportView report={report} />
        </div>
      )}
    </RequestView>
  );
}

function FeedList(props: { items: FeedItem[] }) {
  return (
    <ul class="list feed-list">
      {props.items.map((item) => (
        <li key={item.id} data-code={item.code}>
          <Link class="list-link report-item" page="phan-anh-cong-khai" params={{ id: item.id }}>
            {item.photos[0] && <ReportImage url={item.photos[0].url} alt="" />}
            <span class="list-text">
              <strong>{item.category.name}</strong>
              <span>
                <span class="code">{item.code}</span> <StateTag state={item.state} label={item.stateLabel} />
              </span>
              {item.description && <span>{item.description}</span>}
              <span class="muted">
                {[communeName(item.commune), formatDateTime(item.submittedAt)].filter(Boolean).join(' · ')}
              </span>
              {item.agency && <span class="muted">{item.agency.name}</span>}
            </span>
            <Icon name="forward" />
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  all: string;
  options: { value: string; label: string }[];
  onChange(value: string): void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The public feed (mini app and plain web): reports being handled or handled, personal data removed
 * by the server; filters by field, status and commune; list or map; the agencies' results.
 */
export default function FeedScreen() {
  useReportsStyles();
  const { params } = useStore(routeStore);
  const [view, setView] = useState<View>('list');
  const [pages, setPages] = useState(1);
  const filters = {
    categoryId: params.linhVuc ?? '',
    state: params.trangThai ?? '',
    communeId: params.xa ?? '',
  };
  const categories = useRequest((signal) => loadCategories(signal), []);
  const communes = useRequest((signal) => loadCommunes(signal), []);
  const feed = useRequest(
    (signal) =>
      loadFeed(
        { ...filters, page: 1, pageSize: view === 'map' ? MAP_SIZE : Math.min(100, PAGE_SIZE * pages) },
        signal,
      ),
    [filters.categoryId, filters.state, filters.communeId, pages, view === 'map'],
  );
  const config = useRequest(
    (signal) => (view === 'map' ? loadMapConfig(signal) : Promise.resolve(null)),
    [view],
  );

  if (params.id) return <FeedDetailView id={params.id} />;

  const setFilter = (name: 'linhVuc' | 'trangThai' | 'xa', value: string) => {
    setPages(1);
    replaceParams({
      linhVuc: filters.categoryId,
      trangThai: filters.state,
      xa: filters.communeId,
      [name]: value,
    });
  };

  return (
    <div class="screen">
      <ScreenTitle>{r('feed.title')}</ScreenTitle>
      <p class="lead">{r('feed.lead')}</p>
      <form class="report-filters" aria-label={r('feed.filters')} onSubmit={(e) => e.preventDefault()}>
        <Select
          id="feed-category"
          label={r('new.category')}
          all={r('feed.allCategories')}
          value={filters.categoryId}
          options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={(v) => setFilter('linhVuc', v)}
        />
        <Select
          id="feed-state"
          label={r('feed.state')}
          all={r('feed.allStates')}
          value={filters.state}
          options={PUBLIC_STATES.map((s) => ({ value: s, label: r(`state.${s}`) }))}
          onChange={(v) => setFilter('trangThai', v)}
        />
        <Select
          id="feed-commune"
          label={r('feed.commune')}
          all={r('feed.allCommunes')}
          value={filters.communeId}
          options={(communes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={(v) => setFilter('xa', v)}
        />
      </form>
      <Tabs<View>
        id="feed-view"
        label={r('feed.views')}
        items={[
          { key: 'list', label: r('feed.list') },
          { key: 'map', label: r('feed.map') },
          { key: 'scores', label: r('feed.scores') },
        ]}
        selected={view}
        onSelect={setView}
      />
      <div id="feed-view-panel" role="tabpanel" aria-labelledby={`feed-view-${view}`}>
        {view === 'scores' ? (
          <AgencyScores />
        ) : feed.error ? (
          <ErrorState error={feed.error} onRetry={feed.retry} />
        ) : !feed.data ? (
          feed.slow ? (
            <Progress />
          ) : null
        ) : feed.data.items.length === 0 ? (
          <EmptyState>{r('feed.none')}</EmptyState>
        ) : view === 'map' ? (
          config.error ? (
            <ErrorState error={config.error} onRetry={config.retry} message={r('map.failed')} />
          ) : config.data ? (
            <FeedMap config={config.data} items={feed.data.items} />
          ) : null
        ) : (
          <>
            <p class="muted" role="status">
              {r('feed.count', { n: feed.data.total })}
            </p>
            <FeedList items={feed.data.items} />
            {feed.data.items.length < feed.data.total && pages * PAGE_SIZE < 100 && (
              <Button variant="secondary" busy={feed.loading} onClick={() => setPages((n) => n + 1)}>
                {r('feed.more')}
              </Button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
