import { createStore } from '../lib/store';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export const toastStore = createStore<Toast[]>([]);
let nextId = 1;

/** Shows a short message in the live region; it stays 6 s (long enough for slow readers). */
export function showToast(text: string, tone: Toast['tone'] = 'info'): void {
  const id = nextId++;
  toastStore.set((list) => [...list.slice(-2), { id, text, tone }]);
  setTimeout(() => dismissToast(id), 6000);
}

export function dismissToast(id: number): void {
  toastStore.set((list) => list.filter((toast) => toast.id !== id));
}
