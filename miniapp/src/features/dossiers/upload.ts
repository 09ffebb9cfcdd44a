import { ApiError, baseHeaders, urlFor } from '../../api/client';
import { t } from '../../i18n/i18n';

/**
 * Photos are made smaller on the phone before they travel: a 12-megapixel photo is 4–6 MB, too much
 * for 3G in the countryside, and the server re-encodes to ≤ 2048 px anyway. A canvas does it in ~40
 * lines (longest side ≤ 1600 px, JPEG quality 0.8); an image library would add weight to the app for
 * the same result. PDFs and anything the browser cannot decode go as they are.
 */
const MAX_SIDE = 1600;
const QUALITY = 0.8;

export async function compressImage(blob: Blob): Promise<Blob> {
  if (!blob.type.startsWith('image/') || blob.type === 'image/gif') return blob;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    return blob; // HEIC on some browsers, a broken file: let the server decide
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    let out: Blob | null = null;
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (context) {
        context.drawImage(bitmap, 0, 0, width, height);
        out = await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
      }
    } else {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d');
      if (context) {
        context.drawImage(bitmap, 0, 0, width, height);
        out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
      }
    }
    // A small PNG can grow as a JPEG: keep whichever is smaller.
    return out && out.size < blob.size ? out : blob;
  } finally {
    bitmap.close();
  }
}

export interface StoredFile {
  id: string;
  kind: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * POST /api/files (multipart, field "file", kind=document: a PDF as is, or a photographed paper
 * re-encoded without its position). XMLHttpRequest rather than fetch: it reports upload progress.
 */
export function uploadFile(
  blob: Blob,
  fileName: string,
  onProgress: (fraction: number) => void,
): { done: Promise<StoredFile>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<StoredFile>((resolve, reject) => {
    xhr.open('POST', urlFor('/api/files', { kind: 'document' }));
    for (const [name, value] of Object.entries(baseHeaders())) xhr.setRequestHeader(name, value);
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string } } & Partial<StoredFile> = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: handled below
      }
      if (xhr.status === 201 && body.id) resolve(body as StoredFile);
      else
        reject(
          new ApiError(
            body.error?.code ?? `HTTP_${xhr.status}`,
            body.error?.message ?? t('error.generic'),
            xhr.status,
          ),
        );
    };
    xhr.onerror = () => reject(new ApiError('NETWORK', t('error.network')));
    xhr.ontimeout = () => reject(new ApiError('TIMEOUT', t('error.timeout')));
    xhr.onabort = () => reject(new ApiError('ABORTED', t('error.generic')));
    const form = new FormData();
    form.append('file', blob, fileName);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
