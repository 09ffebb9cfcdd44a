import { ApiError } from '../api/client';
import { t } from '../i18n';

/*
 * Downloads a file the server builds (CSV/XLSX exports). Fetched rather than linked so a refusal
 * (EXPORT_TOO_LARGE, an expired session) is shown as the server's message instead of being saved
 * as a JSON file named like a spreadsheet.
 */

function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]!);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]! : fallback;
}

export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', t.errors.network);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'HTTP_' + response.status,
      body?.error?.message ?? t.errors.unknown,
    );
  }
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken its copy once the click is handled; free the blob a little later.
  setTimeout(() => URL.revokeObjectURL(link.href), 30_000);
}
