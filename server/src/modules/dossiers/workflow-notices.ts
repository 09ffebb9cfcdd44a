import type { SlipForm } from '../../db/schema.js';
import { vietnamDateTimeShort, type DossierAction } from './types.js';

export interface NoticeFacts {
  code: string;
  procedure: string;
  dueAt: Date | null;
  items: string[];
  note: string | null;
  reason: string | null;
  amount: number | null;
}

export interface Notice {
  slip?: SlipForm;
  notify?: { type: string; data: Record<string, string> };
}

/** 1.250.000 đ */
export function formatVnd(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/**
 * What the citizen is told after an action, and which Circular 01/2018 slip is issued (the slip is
 * rendered by a job; the notice is written in the action's own transaction so it cannot be lost).
 */
export function noticeFor(action: DossierAction, f: NoticeFacts): Notice | null {
  switch (action) {
    case 'receive':
      return {
        slip: '01',
        notify: {
          type: 'dossier.received',
          data: {
            code: f.code,
            procedure: f.procedure,
            appointment: f.dueAt ? vietnamDateTimeShort(f.dueAt) : 'sẽ được thông báo sau',
          },
        },
      };
    case 'request_supplement': {
      const reason = [f.items.join('; '), f.note?.trim() ?? ''].filter(Boolean).join('. ');
      return {
        slip: '02',
        notify: { type: 'dossier.supplement_requested', data: { code: f.code, reason } },
      };
    }
    case 'request_payment':
      return {
        notify: {
          type: 'dossier.payment_requested',
          data: { code: f.code, amount: formatVnd(f.amount ?? 0) },
        },
      };
    case 'complete':
      return { notify: { type: 'dossier.result_ready', data: { code: f.code, procedure: f.procedure } } };
    case 'return':
      return { notify: { type: 'dossier.returned', data: { code: f.code } } };
    case 'refuse':
      return {
        slip: '03',
        notify: { type: 'dossier.refused', data: { code: f.code, reason: f.reason ?? 'Không rõ' } },
      };
    default:
      return null;
  }
}
