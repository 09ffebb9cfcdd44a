import { useEffect, useRef, useState } from 'preact/hooks';
import { apiFile, asApiError } from '../../api/client';
import { Icon } from '../../components/Icon';
import { t } from '../../i18n/i18n';
import { platform } from '../../platform';
import { compressImage, uploadFile } from './upload';

/** What the app remembers of an uploaded file (the value keeps only ids). */
export interface FileInfo {
  name: string;
  contentType: string;
}

interface Pending {
  key: number;
  name: string;
  blob: Blob;
  preview: string | null;
  progress: number;
  error: string | null;
  abort?: () => void;
}

let nextKey = 1;
/** Previews of files uploaded in this visit, so a thumbnail needs no download. */
const previews = new Map<string, string>();

function Thumb(props: { fileId?: string; preview?: string | null; info?: FileInfo }) {
  const [url, setUrl] = useState<string | null>(
    props.preview ?? (props.fileId ? (previews.get(props.fileId) ?? null) : null),
  );
  const isImage = !props.info || props.info.contentType.startsWith('image/');
  useEffect(() => {
    if (url || !props.fileId || !isImage) return;
    let live = true;
    apiFile(`/api/files/${encodeURIComponent(props.fileId)}`)
      .then(({ blob }) => {
        if (!live || !blob.type.startsWith('image/')) return;
        const made = URL.createObjectURL(blob);
        previews.set(props.fileId!, made);
        setUrl(made);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [props.fileId]);
  if (url) return <img class="thumb" src={url} alt="" width={64} height={64} />;
  return (
    <span class="thumb thumb-doc" aria-hidden="true">
      <Icon name={isImage ? 'image' : 'document'} size={32} />
    </span>
  );
}

function fileNameOf(blob: Blob, index: number): string {
  if (blob instanceof File && blob.name) return blob.name;
  return blob.type === 'application/pdf' ? `tep-${index}.pdf` : `anh-${index}.jpg`;
}

/**
 * Several files for one form field: "Chụp ảnh" and "Chọn từ thư viện" through the platform adapter,
 * photos made smaller first, each upload with its progress, a retry when it fails, and "Xoá".
 */
export function AttachmentField(props: {
  id: string;
  label: string;
  required?: boolean;
  help?: string;
  error?: string | null;
  value: string[];
  maxFiles: number;
  allowPdf: boolean;
  files: Record<string, FileInfo>;
  onChange(ids: string[], added?: Record<string, FileInfo>): void;
  onBlur?(): void;
}) {
  const [pending, setPending] = useState<Pending[]>([]);
  const valueRef = useRef(props.value);
  valueRef.current = props.value;
  const onChangeRef = useRef(props.onChange);
  onChangeRef.current = props.onChange;
  const room = props.maxFiles - props.value.length - pending.length;

  const update = (key: number, patch: Partial<Pending>) =>
    setPending((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  const start = async (item: Pending) => {
    update(item.key, { error: null, progress: 0 });
    try {
      const small = await compressImage(item.blob);
      const job = uploadFile(small, item.name, (progress) => update(item.key, { progress }));
      update(item.key, { abort: job.abort });
      const stored = await job.done;
      if (item.preview) previews.set(stored.id, item.preview);
      setPending((list) => list.filter((p) => p.key !== item.key));
      onChangeRef.current([...valueRef.current, stored.id], {
        [stored.id]: { name: item.name, contentType: stored.contentType },
      });
      props.onBlur?.();
    } catch (error) {
      const failure = asApiError(error);
      if (failure.code === 'ABORTED') return;
      update(item.key, { error: failure.message, abort: undefined });
    }
  };

  const pick = async (source: 'camera' | 'album') => {
    if (room <= 0) return;
    let blobs: Blob[];
    try {
      blobs = await platform().pickImages({ max: room, source, pdf: props.allowPdf });
    } catch {
      return;
    }
    const items = blobs.slice(0, room).map((blob, i) => ({
      key: nextKey++,
      name: fileNameOf(blob, props.value.length + pending.length + i + 1),
      blob,
      preview: blob.type.startsWith('image/') ? URL.createObjectURL(blob) : null,
      progress: 0,
      error: null,
    }));
    setPending((list) => [...list, ...items]);
    items.forEach((item) => void start(item));
  };

  const removePending = (item: Pending) => {
    item.abort?.();
    setPending((list) => list.filter((p) => p.key !== item.key));
  };

  const hintId = props.help ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <fieldset
      class={props.error ? 'field field-invalid attach' : 'field attach'}
      id={props.id}
      tabIndex={-1}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend>
        {props.label} {props.required && <span class="req">{t('form.required')}</span>}
      </legend>
      {props.help && (
        <p id={hintId} class="field-hint">
          {props.help}
        </p>
      )}
      <p class="field-hint">{t('form.filesCount', { n: props.value.length, max: props.maxFiles })}</p>
      {(props.value.length > 0 || pending.length > 0) && (
        <ul class="attach-list">
          {props.value.map((id, i) => {
            const info = props.files[id];
            const name = info?.name ?? t('form.fileN', { n: i + 1 });
            return (
              <li key={id} class="attach-item">
                <Thumb fileId={id} info={info} />
                <span class="attach-name">
                  {name}
                  <span class="muted">{t('form.uploaded')}</span>
                </span>
                <button
                  type="button"
                  class="btn btn-quiet attach-remove"
                  onClick={() => props.onChange(props.value.filter((v) => v !== id))}
                >
                  <Icon name="trash" />
                  <span>
                    {t('form.remove')}
                    <span class="visually-hidden"> {name}</span>
                  </span>
                </button>
              </li>
            );
          })}
          {pending.map((item) => (
            <li key={item.key} class="attach-item">
              <Thumb preview={item.preview} info={{ name: item.name, contentType: item.blob.type }} />
              <span class="attach-name">
                {item.name}
                {item.error ? (
                  <span class="field-error" role="alert">
                    {t('form.uploadFailed')} {item.error}
                  </span>
                ) : (
                  <span class="muted" role="status">
                    {t('form.uploading', { p: Math.round(item.progress * 100) })}
                    <progress max={100} value={Math.round(item.progress * 100)} aria-hidden="true" />
                  </span>
                )}
              </span>
              <span class="attach-buttons">
                {item.error && (
                  <button type="button" class="btn btn-secondary" onClick={() => void start(item)}>
                    {t('common.retry')}
                  </button>
                )}
                <button type="button" class="btn btn-quiet attach-remove" onClick={() => removePending(item)}>
                  <Icon name="trash" />
                  <span>
                    {item.error ? t('form.remove') : t('common.cancel')}
                    <span class="visually-hidden"> {item.name}</span>
                  </span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {room > 0 && (
        <div class="actions actions-row">
          <button type="button" class="btn btn-secondary" onClick={() => void pick('camera')}>
            <Icon name="camera" />
            <span>{t('form.takePhoto')}</span>
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => void pick('album')}>
            <Icon name="image" />
            <span>{t('form.fromLibrary')}</span>
          </button>
        </div>
      )}
      {props.error && (
        <p id={errorId} class="field-error" role="alert">
          <strong>!</strong> {props.error}
        </p>
      )}
    </fieldset>
  );
}
