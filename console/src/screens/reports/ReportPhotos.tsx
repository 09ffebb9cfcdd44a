import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ReportDetail, ReportPhoto } from '../../api/reports-types';
import { toast } from '../../components/Toast';
import { rt } from '../../lib/reports-text';
import { asApiError } from '../../lib/use-api';

const photoId = (photo: ReportPhoto) => photo.fileId;

/** The server's scope-checked address of the photo (GET /api/admin/reports/:id/photos/:fileId). */
function photoUrl(reportId: string, photo: ReportPhoto): string {
  return (
    photo.url ||
    `/api/admin/reports/${encodeURIComponent(reportId)}/photos/${encodeURIComponent(photo.fileId)}`
  );
}

/**
 * The reporter's photos (each can be hidden from the public feed, e.g. a face or a number plate)
 * and the officers' proof photos. Hiding is a moderation change: audited by the server.
 */
export function ReportPhotos({
  report,
  allowed,
  onChange,
}: {
  report: ReportDetail;
  /** May hide a photo from the public feed (supervisors, the coordination centre). */
  allowed: boolean;
  onChange: (updated: ReportDetail) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);

  const toggle = async (photo: ReportPhoto, hidden: boolean) => {
    const fileId = photoId(photo);
    setBusy(fileId);
    try {
      const updated = await api<ReportDetail>(
        `/api/admin/reports/${encodeURIComponent(report.id)}/moderation`,
        { method: 'PATCH', body: { photos: [{ fileId, hidden }] } },
      );
      toast(rt.moderationSaved);
      onChange(updated);
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="panel" aria-labelledby="photos-title">
      <h2 id="photos-title">{rt.photosTitle}</h2>
      {report.photos.length === 0 ? (
        <p class="muted">{rt.noPhotos}</p>
      ) : (
        <ul class="report-photos">
          {report.photos.map((photo, index) => (
            <li key={photoId(photo)} class={photo.hidden ? 'photo-hidden' : undefined}>
              <figure>
                <a href={photoUrl(report.id, photo)} target="_blank" rel="noopener">
                  <img src={photoUrl(report.id, photo)} alt={rt.photoAlt(index + 1)} loading="lazy" />
                </a>
                <figcaption>
                  <label>
                    <input
                      type="checkbox"
                      checked={photo.hidden === true}
                      disabled={busy !== null || !allowed}
                      data-hide-photo={photoId(photo)}
                      onChange={(e) => void toggle(photo, e.currentTarget.checked)}
                    />
                    {rt.hidePhoto}
                  </label>
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
      {report.resolutionPhotos.length > 0 && (
        <>
          <h3>{rt.resolutionPhotosTitle}</h3>
          <ul class="report-photos">
            {report.resolutionPhotos.map((photo, index) => (
              <li key={photoId(photo)}>
                <a href={photoUrl(report.id, photo)} target="_blank" rel="noopener">
                  <img
                    src={photoUrl(report.id, photo)}
                    alt={rt.resolutionPhotoAlt(index + 1)}
                    loading="lazy"
                  />
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
