import { api } from '../api/client';
import { tVi, type MessageKey } from '../i18n/i18n';
import { createStore } from '../lib/store';
import { platform } from '../platform';

/**
 * Consent before the app asks for a name, a phone number or a location (Decree 13/2023): what, why,
 * yes or no. The answer is remembered on the device and, once the citizen is signed in, recorded by
 * the server (POST /api/me/consents) with the Vietnamese text they were shown.
 */
export type Purpose = 'profile' | 'phone' | 'location';

interface Answer {
  granted: boolean;
  at: string;
}

const KEY = 'ctic.consents';

export interface ConsentRequest {
  purpose: Purpose;
  resolve(granted: boolean): void;
}
export const consentRequestStore = createStore<ConsentRequest | null>(null);

function readAnswers(): Partial<Record<Purpose, Answer>> {
  try {
    return JSON.parse(platform().storage.get(KEY) ?? '{}') as Partial<Record<Purpose, Answer>>;
  } catch {
    return {};
  }
}

function writeAnswer(purpose: Purpose, granted: boolean): void {
  const answers = readAnswers();
  answers[purpose] = { granted, at: new Date().toISOString() };
  platform().storage.set(KEY, JSON.stringify(answers));
}

export function purposeText(purpose: Purpose): string {
  const what = tVi(`consent.what.${purpose}` as MessageKey);
  const why = tVi(`consent.why.${purpose}` as MessageKey);
  return `${what} ${why}`;
}

/** Resolves true when the citizen agrees (now or earlier); false when they decline. */
export function askConsent(purpose: Purpose): Promise<boolean> {
  if (readAnswers()[purpose]?.granted) return Promise.resolve(true);
  return new Promise((resolve) => {
    consentRequestStore.get()?.resolve(false);
    consentRequestStore.set({ purpose, resolve });
  });
}

export function answerConsent(granted: boolean): void {
  const request = consentRequestStore.get();
  if (!request) return;
  writeAnswer(request.purpose, granted);
  consentRequestStore.set(null);
  request.resolve(granted);
}

/** Sends every consent given on this device to the server (it keeps one active record per purpose). */
export async function recordConsents(): Promise<void> {
  const answers = readAnswers();
  const granted = (Object.keys(answers) as Purpose[]).filter((p) => answers[p]?.granted);
  for (const purpose of granted) {
    await api('/api/me/consents', {
      method: 'POST',
      body: { purposeCode: purpose, purpose: purposeText(purpose) },
    });
  }
}

/** After a withdrawal the app must ask again before using that data. */
export function forgetConsent(purposeCode: string): void {
  const answers = readAnswers();
  if (purposeCode in answers) {
    delete answers[purposeCode as Purpose];
    platform().storage.set(KEY, JSON.stringify(answers));
  }
}

export function forgetAllConsents(): void {
  platform().storage.remove(KEY);
}
