import type { ComponentChildren } from 'preact';
import { withQuery } from '../api/client';
import type { PageOf } from '../api/types';
import { t } from '../i18n';
import { Link, setQuery, useLocation } from '../lib/router';
import { useEffect, useState } from 'preact/hooks';
import { downloadFile } from '../lib/download';
import { asApiError, useApi } from '../lib/use-api';
import { FilterBar, type FilterDef } from './FilterBar';
import { ErrorState } from './States';
import { toast } from './Toast';

/*
 * A server-side table: paging, sorting and filters live in the page's query string, so a reload,
 * the back button or a shared link shows the same view. The server does the work (sort=field or
 * sort=-field, page, pageSize, filters) and builds the CSV/XLSX export of the whole filtered list
 * from the same parameters plus format=csv|xlsx.
 */

export interface Column<T> {
  /** Field name; also the server's sort key when `sortable`. */
  key: string;
  label: string;
  sortable?: boolean;
  render?: (row: T) => ComponentChildren;
  /** The cell that links to the row's detail view. */
  primary?: boolean;
  numeric?: boolean;
}

export interface DataTableProps<T> {
  id: string;
  endpoint: string;
  caption: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowHref?: (row: T) => string;
  filters?: FilterDef[];
  defaultSort?: string;
  exportable?: boolean;
  /** Turns the URL's filter values into the API's (a picked day into an instant, for example). */
  toApi?: (filters: Record<string, string>) => Record<string, string>;
  /** Row selection (a checkbox per row): the selected keys, kept by the screen. */
  selection?: {
    selected: string[];
    onChange: (keys: string[], rows: T[]) => void;
    rowLabel: (row: T) => string;
    pageLabel: string;
  };
  /** Changing this number loads the page again (after a bulk action). */
  refresh?: number;
  /** Told about each page of rows that arrives (to name rows in a bulk action's report). */
  onRows?: (rows: T[]) => void;
}

export const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { query } = useLocation();
  const filters = props.filters ?? [];
  const page = positiveInt(query.get('page'), 1);
  const pageSizeRaw = positiveInt(query.get('pageSize'), DEFAULT_PAGE_SIZE);
  const pageSize = PAGE_SIZES.includes(pageSizeRaw) ? pageSizeRaw : DEFAULT_PAGE_SIZE;
  const sort = query.get('sort') ?? props.defaultSort ?? '';
  const filterValues = Object.fromEntries(filters.map((f) => [f.name, query.get(f.name) ?? '']));
  const apiFilters = props.toApi ? props.toApi(filterValues) : filterValues;

  const [state, reload] = useApi<PageOf<T>>(
    withQuery(props.endpoint, { ...apiFilters, sort, page, pageSize }),
  );
  const data = state.data;
  useEffect(() => {
    if (props.refresh) reload();
  }, [props.refresh]);
  useEffect(() => {
    if (state.status === 'ready') props.onRows?.(state.data.items);
  }, [state]);
  const selection = props.selection;
  const selectedSet = new Set(selection?.selected ?? []);
  const pageKeys = (data?.items ?? []).map((row) => props.rowKey(row));
  const allOnPage = pageKeys.length > 0 && pageKeys.every((k) => selectedSet.has(k));
  const toggle = (row: T, on: boolean) => {
    if (!selection) return;
    const key = props.rowKey(row);
    const next = on ? [...selection.selected, key] : selection.selected.filter((k) => k !== key);
    selection.onChange(
      [...new Set(next)],
      (data?.items ?? []).filter((r) => next.includes(props.rowKey(r))),
    );
  };
  const togglePage = (on: boolean) => {
    if (!selection) return;
    const next = on ? [...new Set([...selection.selected, ...pageKeys])] : [];
    selection.onChange(
      next,
      (data?.items ?? []).filter((r) => next.includes(props.rowKey(r))),
    );
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  /** Writes the view into the address; anything but a page change starts again from page 1. */
  const change = (next: Record<string, string | number>) => {
    const params = new URLSearchParams(query);
    if (!('page' in next)) params.delete('page');
    for (const [key, value] of Object.entries(next)) {
      if (value === '' || value === undefined) params.delete(key);
      else params.set(key, String(value));
    }
    if (params.get('page') === '1') params.delete('page');
    setQuery(params);
  };

  const sortBy = (key: string) => change({ sort: sort === key ? `-${key}` : key });
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(format);
    try {
      await downloadFile(withQuery(props.endpoint, { ...apiFilters, sort, format }), `${props.id}.${format}`);
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setExporting(null);
    }
  };

  return (
    <div class="data-table">
      {filters.length > 0 && (
        <FilterBar idPrefix={props.id} filters={filters} values={filterValues} onApply={change} />
      )}
      <div class="table-toolbar">
        <p class="table-total" aria-live="polite">
          {data ? t.table.total(data.total) : '\u00a0'}
          {state.status === 'loading' && (
            <span class="table-loading">
              <span class="spinner" aria-hidden="true" /> {t.loading}
            </span>
          )}
        </p>
        {props.exportable && (
          <div class="table-export" role="group" aria-label={t.table.export}>
            {(['csv', 'xlsx'] as const).map((format) => (
              <button
                type="button"
                key={format}
                class="btn"
                data-export={format}
                disabled={exporting !== null}
                onClick={() => void exportAs(format)}
              >
                {exporting === format
                  ? t.table.exporting
                  : format === 'csv'
                    ? t.table.exportCsv
                    : t.table.exportXlsx}
              </button>
            ))}
          </div>
        )}
      </div>
      {state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
          <table aria-busy={state.status === 'loading'} id={props.id}>
            <caption class="sr-only">{props.caption}</caption>
            <thead>
              <tr>
                {selection && (
                  <td class="select-cell">
                    <input
                      type="checkbox"
                      aria-label={selection.pageLabel}
                      checked={allOnPage}
                      disabled={pageKeys.length === 0}
                      onChange={(e) => togglePage(e.currentTarget.checked)}
                    />
                  </td>
                )}
                {props.columns.map((column) => {
                  const direction =
                    sort === column.key ? 'ascending' : sort === `-${column.key}` ? 'descending' : 'none';
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      class={column.numeric ? 'num' : undefined}
                      aria-sort={column.sortable ? direction : undefined}
                    >
                      {column.sortable ? (
                        <button type="button" class="sort-button" onClick={() => sortBy(column.key)}>
                          {column.label}
                          <span aria-hidden="true" class="sort-mark">
                            {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        column.label
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {data && data.items.length === 0 && (
                <tr>
                  <td colSpan={props.columns.length + (selection ? 1 : 0)} class="table-empty">
                    {t.table.empty}
                  </td>
                </tr>
              )}
              {data?.items.map((row) => (
                <tr key={props.rowKey(row)}>
                  {selection && (
                    <td class="select-cell">
                      <input
                        type="checkbox"
                        aria-label={selection.rowLabel(row)}
                        checked={selectedSet.has(props.rowKey(row))}
                        onChange={(e) => toggle(row, e.currentTarget.checked)}
                      />
                    </td>
                  )}
                  {props.columns.map((column) => {
                    const content = column.render
                      ? column.render(row)
                      : String((row as Record<string, unknown>)[column.key] ?? t.none);
                    const cell =
                      column.primary && props.rowHref ? (
                        <Link to={props.rowHref(row)}>{content}</Link>
                      ) : (
                        content
                      );
                    return column.primary ? (
                      <th key={column.key} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={column.key} class={column.numeric ? 'num' : undefined}>
                        {cell}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && (
        <nav class="pagination" aria-label={t.table.page(page, pages)}>
          <button type="button" class="btn" disabled={page <= 1} onClick={() => change({ page: page - 1 })}>
            {t.table.previous}
          </button>
          <span>{t.table.page(Math.min(page, pages), pages)}</span>
          <button
            type="button"
            class="btn"
            disabled={page >= pages}
            onClick={() => change({ page: page + 1 })}
          >
            {t.table.next}
          </button>
          <label class="page-size">
            {t.table.pageSize}
            <select value={String(pageSize)} onChange={(e) => change({ pageSize: e.currentTarget.value })}>
              {PAGE_SIZES.map((size) => (
                <option key={size} value={String(size)}>
                  {size}
                </option>
              ))}
            </select>
          </label>
        </nav>
      )}
    </div>
  );
}
