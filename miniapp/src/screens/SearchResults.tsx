import { EmptyState, RequestView } from '../components/States';
import { List, ListItem } from '../components/List';
import { searchEverything } from '../features/search';
import { useRequest } from '../hooks/useRequest';
import { t } from '../i18n/i18n';

/** The home's search results, grouped by source (utilities, screens; later procedures and news). */
export function SearchResults(props: { query: string; utilities: readonly string[] }) {
  const request = useRequest(
    (signal) => searchEverything(props.query, { utilities: props.utilities }, signal),
    [props.query, props.utilities.join(',')],
  );
  return (
    <section class="search-results" aria-labelledby="search-results-title">
      <h2 id="search-results-title">{t('home.results')}</h2>
      <RequestView request={request}>
        {(groups) =>
          groups.length === 0 ? (
            <EmptyState>{t('home.noResults', { q: props.query.trim() })}</EmptyState>
          ) : (
            groups.map((group) => (
              <div key={group.source.id} class="search-group">
                <h3>{group.source.label()}</h3>
                <List>
                  {group.results.map((result) => (
                    <ListItem key={result.id} page={result.page} params={result.params}>
                      <strong>{result.title}</strong>
                      {result.hint && <span class="muted">{result.hint}</span>}
                    </ListItem>
                  ))}
                </List>
              </div>
            ))
          )
        }
      </RequestView>
    </section>
  );
}
