import { useState } from 'preact/hooks';
import { Icon } from '../../components/Icon';
import { platform } from '../../platform';
import { jpegExif, readGpsFromExif } from '@exif';
import { compressImage } from '../dossiers/upload';
import { r } from './strings';

export interface PickedPhoto {
  key: number;
  blob: Blob;
  name: string;
  preview: string;
  gps: { lat: number; lng: number } | null;
}

export const MAX_PHOTOS = 4;
let nextKey = 1;

/**
 * Where the photo was taken, read on the phone BEFORE compression (the canvas drops EXIF), with the
 * server's own small EXIF reader (≈ 1 KB). Phones write EXIF at the start of a JPEG, so 128 KB are
 * enough; a photo without GPS data (or not a JPEG) simply has none.
 */
async function readGps(blob: Blob): Promise<PickedPhoto['gps']> {
  try {
    const head = new Uint8Array(await blob.slice(0, 128 * 1024).arrayBuffer());
    const exif = jpegExif(head);
    return exif ? readGpsFromExif(exif) : null;
  } catch {
    return null;
  }
}

/** Photo first: camera or gallery through the platform adapter, up to 4, made smaller on the phone. */
export function PhotoPicker(props: {
  photos: PickedPhoto[];
  onChange(photos: PickedPhoto[]): void;
  error?: string | null;
}) {
  const [preparing, setPreparing] = useState(false);
  const room = MAX_PHOTOS - props.photos.length;

  const pick = async (source: 'camera' | 'album') => {
    if (room <= 0) return;
    let blobs: Blob[];
    try {
      blobs = await platform().pickImages({ max: room, source });
    } catch {
      return; // cancelled or refused by the phone: nothing changes
    }
    if (blobs.length === 0) return;
    setPreparing(true);
    try {
      const picked = await Promise.all(
        blobs.slice(0, room).map(async (original, i) => {
          const gps = await readGps(original);
          const blob = await compressImage(original);
          return {
            key: nextKey++,
            blob,
            name: `anh-${props.photos.length + i + 1}.jpg`,
            preview: URL.createObjectURL(blob),
            gps,
          };
        }),
      );
      props.onChange([...props.photos, ...picked]);
    } finally {
      setPreparing(false);
    }
  };

  const remove = (photo: PickedPhoto) => {
    URL.revokeObjectURL(photo.preview);
    props.onChange(props.photos.filter((p) => p.key !== photo.key));
  };

  return (
    <fieldset
      class={props.error ? 'field field-invalid' : 'field'}
      id="report-photos"
      tabIndex={-1}
      aria-describedby={props.error ? 'report-photos-error' : 'report-photos-hint'}
    >
      <legend>{r('new.photos')}</legend>
      <p class="field-hint" id="report-photos-hint">
        {r('new.photosHint', { max: MAX_PHOTOS })}{' '}
        {r('new.photosCount', { n: props.photos.length, max: MAX_PHOTOS })}
      </p>
      {props.photos.length > 0 && (
        <ul class="report-photos">
          {props.photos.map((photo, i) => (
            <li key={photo.key}>
              <img src={photo.preview} alt={r('new.photoAlt', { n: i + 1 })} width={160} height={120} />
              <button type="button" class="btn btn-quiet" onClick={() => remove(photo)}>
                <Icon name="trash" />
                <span>{r('new.removePhoto', { n: i + 1 })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {preparing && (
        <p class="muted" role="status">
          {r('new.preparing')}
        </p>
      )}
      {room > 0 && (
        <div class="actions actions-row">
          <button type="button" class="btn btn-primary" onClick={() => void pick('camera')}>
            <Icon name="camera" />
            <span>{r('new.takePhoto')}</span>
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => void pick('album')}>
            <Icon name="image" />
            <span>{r('new.fromLibrary')}</span>
          </button>
        </div>
      )}
      {props.error && (
        <p id="report-photos-error" class="field-error" role="alert">
          <strong>!</strong> {props.error}
        </p>
      )}
    </fieldset>
  );
}
