import type { ImportReport } from '../api/types';

/** The catalog's format, from the file name when there is one, else from the first character. */
export function detectFormat(content: string, fileName?: string): 'json' | 'csv' {
  const name = fileName?.toLowerCase() ?? '';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv')) return 'csv';
  const first = content.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

/** How many procedures an import would write. */
export function importChanges(report: ImportReport): number {
  return report.created + report.updated;
}
