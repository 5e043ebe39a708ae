// POST /uploads/project-file?attemptId=… — the project file upload, as a plain HTTP endpoint (GraphQL
// multipart is not set up). `createUploadHandler` is the machinery, shared with appeal attachments. Contract:
// - `Authorization: Bearer <session token or partner API key>`: the candidate for themself, or the
//   candidate's partner; `Accept-Language` picks the language of error messages.
// - body: `multipart/form-data` with one file part named `file` (other parts are ignored); at most
//   MAX_UPLOAD_BYTES (default 20 MB).
// - the type is checked on the content (file-type), never on the name or the declared type: PDF, DOCX, ODT,
//   PPTX, and DOC (an OLE container named *.doc).
// - success: 201 `{ "projectFileId": "…", "version": n }`; the file is stored by content hash, recorded as
//   version n of the attempt's project file (acknowledgment due 5 days later) and the attempt moves to
//   FILE_SUBMITTED (from REGISTERED, or FILE_SUBMITTED for a re-upload).
// - refusal: `{ "errors": [{ "message", "extensions": { "code" } }] }` with 401 UNAUTHENTICATED,
//   403 FORBIDDEN, 404 NOT_FOUND, 405, 409 INVALID_STATE / CONFLICT, 413 LIMIT_EXCEEDED,
//   415 VALIDATION_FAILED (type), 400 VALIDATION_FAILED (no file, no attemptId, not multipart).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { fileTypeFromFile } from 'file-type';
import type { AppServices } from '../../graphql/context.ts';
import { credentialFrom, type Viewer } from '../../auth/viewer.ts';
import { scopesFor } from '../../auth/policies.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate, type MessageKey } from '../../lib/messages.ts';
import { localeFromHeader, runWithLocale } from '../../lib/request-context.ts';
import type { Logger } from '../../lib/logger.ts';
import { fileStorage, type FileStorage } from '../../storage/storage.ts';
import { canTransitionAttempt } from '../candidate/attempt.rules.ts';
import contentDisposition from 'content-disposition';
import { acceptedMimeType, safeFilename } from './project-file.rules.ts';
import { findUploadableAttempt, submitProjectFile, type StoredUpload } from './project-file.service.ts';

const STATUS: Partial<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  CONFLICT: 409,
  LIMIT_EXCEEDED: 413,
  VALIDATION_FAILED: 400,
};

class UploadRefused extends Error {
  constructor(readonly error: AppError, readonly status = STATUS[error.code] ?? 400) {
    super(error.message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, close = false) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(close ? { connection: 'close' } : {}) });
  res.end(JSON.stringify(body));
}

const errorBody = (error: AppError) => ({ errors: [{ message: error.message, extensions: error.extensions }] });

interface Received {
  path: string;
  filename: string;
  size: number;
  sha256: string;
}

/** Streams the `file` part to a staging file, hashing and counting; refuses beyond `maxBytes`. */
function receiveFile(req: IncomingMessage, storage: FileStorage, maxBytes: number): Promise<Received> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // Browsers and fetch send the file name as raw UTF-8 (busboy reads it as Latin-1 unless told).
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 } });
    } catch {
      reject(new UploadRefused(validationFailed([{ path: ['file'], message: translate('upload.missing') }])));
      return;
    }
    let pending: Promise<Received | null> = Promise.resolve(null);
    let tooLarge = false;
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      // Listened at once: busboy may emit 'limit' while the part is still being parsed, before the staging
      // path below is ready (a missed 'limit' would accept a truncated file as complete).
      stream.on('limit', () => {
        tooLarge = true;
      });
      pending = (async () => {
        const path = await storage.stagingPath();
        const hash = createHash('sha256');
        let size = 0;
        const out = createWriteStream(path);
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          hash.update(chunk);
        });
        await new Promise<void>((done, fail) => {
          out.on('finish', done);
          out.on('error', fail);
          stream.on('error', fail);
          stream.pipe(out);
        });
        if (stream.truncated) tooLarge = true;
        return { path, filename: safeFilename(info.filename), size, sha256: hash.digest('hex') };
      })();
    });
    parser.on('error', (error) => reject(new UploadRefused(validationFailed([{ path: ['file'], message: String((error as Error).message) }]))));
    parser.on('close', () => {
      pending.then(async (received) => {
        if (tooLarge) {
          if (received) await storage.discard(received.path);
          reject(new UploadRefused(new AppError('LIMIT_EXCEEDED', { details: translate('request.tooLarge', { max: maxBytes }) })));
        } else if (!received || received.size === 0) {
          if (received) await storage.discard(received.path);
          reject(new UploadRefused(validationFailed([{ path: ['file'], message: translate('upload.missing') }])));
        } else resolve(received);
      }, reject);
    });
    req.pipe(parser);
  });
}

/** One kind of upload: who may send it for what, which types it accepts, and how the stored file is recorded. */
export interface UploadSpec<Target> {
  maxBytes: number;
  /** Checked before the body is read; throws an AppError to refuse (401, 403, 404, 409…). */
  authorize(viewer: Viewer | null, url: URL): Promise<Target>;
  /** The MIME type to record for the detected content, or null to refuse it (415 with `typeMessage`). */
  accept(detectedExt: string | undefined, filename: string): string | null;
  typeMessage: MessageKey;
  /** Records the committed file; its answer is sent with 201. */
  record(viewer: Viewer | null, target: Target, file: StoredUpload): Promise<unknown>;
  label: string;
}

/** The upload machinery (multipart streaming, size limit, content sniffing, content-addressed storage), per spec. */
export async function createUploadHandler<Target>(services: AppServices, log: Logger, spec: UploadSpec<Target>) {
  const storage = await fileStorage(services.config.dataDir);
  const { maxBytes } = spec;

  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> =>
    runWithLocale(localeFromHeader(req.headers['accept-language']), async () => {
      // Early refusals answer at once and discard the body (so the client can read the answer), up to the
      // upload limit; a body declared larger than the limit gets its answer and the connection is closed.
      const refuse = (error: AppError, status = STATUS[error.code] ?? 400, close = false) => {
        send(res, status, errorBody(error), close);
        let drained = 0;
        req.on('data', (chunk: Buffer) => {
          drained += chunk.length;
          if (drained > maxBytes + 64 * 1024) req.destroy();
        });
        req.resume();
      };
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return refuse(new AppError('VALIDATION_FAILED', { details: 'POST' }), 405);
      }
      let received: Received | null = null;
      try {
        // The same resolver (and cache, with revocations) as /graphql.
        const viewer = await services.viewers.resolve(credentialFrom(req.headers.authorization));
        let target: Target;
        try {
          target = await spec.authorize(viewer, url);
        } catch (error) {
          if (error instanceof AppError) return refuse(error);
          throw error;
        }
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > maxBytes + 64 * 1024) return refuse(new AppError('LIMIT_EXCEEDED', { details: translate('request.tooLarge', { max: maxBytes }) }), 413, true);

        received = await receiveFile(req, storage, maxBytes);
        const detected = await fileTypeFromFile(received.path);
        const mimeType = spec.accept(detected?.ext, received.filename);
        if (!mimeType) {
          throw new UploadRefused(validationFailed([{ path: ['file'], message: translate(spec.typeMessage) }]), 415);
        }
        const file = received;
        const storageKey = await storage.commit(file.path, file.sha256);
        received = null; // committed: content-addressed, kept even if the transaction below fails
        const result = await spec.record(viewer, target, { storageKey, filename: file.filename, mimeType, size: file.size, sha256: file.sha256 });
        send(res, 201, result);
      } catch (error) {
        if (received) await storage.discard(received.path).catch(() => undefined);
        if (error instanceof UploadRefused) return send(res, error.status, errorBody(error.error));
        if (error instanceof AppError) return send(res, STATUS[error.code] ?? 400, errorBody(error));
        log.error({ err: error }, `${spec.label} upload failed`);
        send(res, 500, { errors: [{ message: translate('error.INTERNAL'), extensions: { code: 'INTERNAL' } }] });
      }
    });
}

export function createProjectFileUploadHandler(services: AppServices, log: Logger) {
  return createUploadHandler(services, log, {
    maxBytes: services.config.limits.maxUploadBytes,
    label: 'project file',
    typeMessage: 'upload.type',
    accept: acceptedMimeType,
    async authorize(viewer, url) {
      if (!viewer) throw new AppError('UNAUTHENTICATED');
      const scopes = scopesFor(viewer);
      if (!scopes.candidate && !scopes.partner) throw new AppError('FORBIDDEN');
      const attemptId = url.searchParams.get('attemptId');
      if (!attemptId) throw validationFailed([{ path: ['attemptId'], message: translate('validation.required') }]);
      const attempt = await findUploadableAttempt(services.prisma, viewer, attemptId);
      if (!canTransitionAttempt(attempt.state, 'FILE_SUBMITTED')) throw new AppError('INVALID_STATE', { state: attempt.state }, { state: attempt.state });
      return { viewer, attemptId };
    },
    record: (_viewer, target, file) => submitProjectFile(services, target.viewer, target.attemptId, file),
  });
}

/** A stored file as a download serves it. */
export interface DownloadableFile {
  storageKey: string;
  filename: string;
  mimeType: string;
  size: number;
}

/**
 * GET <prefix><id>: the stored file that `find` returns for the signed-in viewer, as an attachment; 401 without a
 * valid credential, 404 for an id that is malformed, unknown or not the viewer's to see (the same answer).
 * Shared by appeal attachments and VAE evidence.
 */
export function createStoredFileDownloadHandler(services: AppServices, prefix: string, find: (viewer: Viewer, id: string) => Promise<DownloadableFile | null | undefined>) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> =>
    runWithLocale(localeFromHeader(req.headers['accept-language']), async () => {
      const refuse = (error: AppError) => {
        res.writeHead(STATUS[error.code] ?? 400, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
      };
      const viewer = await services.viewers.resolve(credentialFrom(req.headers.authorization));
      if (!viewer) return refuse(new AppError('UNAUTHENTICATED'));
      const id = url.pathname.slice(prefix.length);
      const file = /^[0-9a-f-]{36}$/.test(id) ? await find(viewer, id) : null;
      if (!file) return refuse(new AppError('NOT_FOUND'));
      const storage = await fileStorage(services.config.dataDir);
      res.writeHead(200, {
        'content-type': file.mimeType,
        'content-length': String(file.size),
        // RFC 6266: `filename*=UTF-8''…` for the real name, an ASCII `filename=` for old clients. A raw name outside
        // Latin-1 (`Attestation d’employeur – 2024.pdf`) made writeHead throw and the connection drop.
        'content-disposition': contentDisposition(file.filename, { type: 'attachment' }),
        'x-content-type-options': 'nosniff',
      });
      await pipeline(storage.read(file.storageKey), res);
    });
}
