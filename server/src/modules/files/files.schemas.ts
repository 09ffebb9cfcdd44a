import { Type, type Static } from '@sinclair/typebox';
import { FILE_KINDS } from '../../platform/files/file-service.js';

/*
 * Shapes of the file routes. The upload response lists its fields explicitly: the stored name,
 * owner and storage key never leave the server through it.
 */
export const FileKind = Type.Union(
  FILE_KINDS.map((k) => Type.Literal(k)),
  {
    description:
      "'image': a photo (JPEG, PNG, WebP or AVIF), re-encoded to JPEG, longest side 2048 px, metadata " +
      "stripped, GPS position returned. 'document': a PDF (stored as is) or a scanned page (JPEG, PNG " +
      'or WebP; re-encoded, metadata and position discarded).',
  },
);

export const UploadQuery = Type.Object({ kind: FileKind }, { additionalProperties: false });
export type UploadQuery = Static<typeof UploadQuery>;

/**
 * Documents the multipart body for OpenAPI. The file is read as a stream by the handler, so the
 * parsed body is empty: `nullable` lets that pass validation while the docs still show the field.
 */
export const UploadBody = {
  content: {
    'multipart/form-data': {
      schema: Type.Unsafe<null>({
        type: 'object',
        nullable: true,
        required: ['file'],
        properties: {
          file: {
            type: 'string',
            format: 'binary',
            description: 'Exactly one file; its type is decided from its content, not its name',
          },
        },
      }),
    },
  },
};

export const GpsPosition = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { description: "Where a photo was taken, when its EXIF data said so (kind 'image' only)" },
);

export const StoredFileResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: FileKind,
  contentType: Type.String({ description: 'As stored (images are re-encoded), decided from the bytes' }),
  sizeBytes: Type.Integer(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  gps: Type.Optional(GpsPosition),
});
export type StoredFileResponse = Static<typeof StoredFileResponse>;

export const FileParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export type FileParams = Static<typeof FileParams>;

export const DownloadQuery = Type.Object(
  {
    download: Type.Optional(
      Type.Boolean({ description: 'true: offer the file as a download instead of showing it inline' }),
    ),
  },
  { additionalProperties: false },
);
export type DownloadQuery = Static<typeof DownloadQuery>;

const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });
export const FileContent = {
  description: 'The stored bytes, with their content type, a safe file name and cache validators',
  content: Object.fromEntries(
    ['image/jpeg', 'image/png', 'application/pdf'].map((type) => [type, { schema: Binary }]),
  ),
};
