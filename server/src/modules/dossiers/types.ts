import type { DossierStatus, Role } from '../../db/schema.js';

/** Who acts on a dossier; the same shape as an audit actor. */
export type DossierActor = { type: 'citizen' | 'officer' | 'system' | 'integration'; id: string | null };

export const DOSSIER_ACTIONS = [
  'receive',
  'start',
  'request_supplement',
  'supplement',
  'request_payment',
  'confirm_payment',
  'complete',
  'return',
  'refuse',
  'withdraw',
  'assign',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export const OPEN_STATUSES: readonly DossierStatus[] = [
  'submitted',
  'received',
  'processing',
  'supplement_requested',
  'payment_requested',
  'result_ready',
];

/**
 * The transition table of docs/dossiers-api.md. `to: null` keeps the status (assign), and
 * `supplement` returns to the status the dossier had when the supplement was requested.
 */
export const TRANSITIONS: Record<
  DossierAction,
  { from: readonly DossierStatus[]; to: DossierStatus | null }
> = {
  receive: { from: ['submitted'], to: 'received' },
  start: { from: ['received'], to: 'processing' },
  request_supplement: { from: ['submitted', 'received', 'processing'], to: 'supplement_requested' },
  supplement: { from: ['supplement_requested'], to: null },
  request_payment: { from: ['received', 'processing'], to: 'payment_requested' },
  confirm_payment: { from: ['payment_requested'], to: 'processing' },
  complete: { from: ['processing'], to: 'result_ready' },
  return: { from: ['result_ready'], to: 'returned' },
  refuse: { from: ['submitted', 'received', 'processing', 'supplement_requested'], to: 'refused' },
  withdraw: {
    from: ['submitted', 'received', 'processing', 'supplement_requested', 'payment_requested'],
    to: 'withdrawn',
  },
  assign: { from: OPEN_STATUSES, to: null },
};

/** Which officer roles may take each action (province admins may take all); withdraw is the citizen's. */
export const ACTION_ROLES: Record<DossierAction, readonly Role[]> = {
  receive: ['clerk'],
  start: ['handler', 'supervisor'],
  request_supplement: ['clerk', 'handler'],
  supplement: ['clerk'],
  request_payment: ['clerk', 'handler'],
  confirm_payment: ['clerk'],
  complete: ['handler', 'supervisor'],
  return: ['clerk'],
  refuse: ['clerk', 'handler', 'supervisor'],
  withdraw: [],
  assign: ['supervisor', 'clerk'],
};

export const STATUS_LABELS: Record<DossierStatus, string> = {
  submitted: 'Chờ tiếp nhận',
  received: 'Đã tiếp nhận',
  processing: 'Đang xử lý',
  supplement_requested: 'Cần bổ sung hồ sơ',
  payment_requested: 'Chờ nộp phí, lệ phí',
  result_ready: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối tiếp nhận / giải quyết',
  withdrawn: 'Đã rút hồ sơ',
};

export const SLIP_QUEUE = 'dossier.slip';
export const OVERDUE_QUEUE = 'dossier.overdue';

/** 17:00 05/03/2026 in Vietnam time: how appointments read in notices. */
export function vietnamDateTimeShort(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(11, 16)} ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}
