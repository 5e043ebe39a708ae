// GET /downloads/cdc-batches/<batchId>.xml with an admin's `Authorization: Bearer …`: the exported XML file,
// streamed from the file store. 401 / 403 / 404 answer `{"errors":[{message, extensions:{code}}]}` in the
// request's language.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AppServices } from '../../graphql/context.ts';
import { credentialFrom } from '../../auth/viewer.ts';
import { cdcBatchFilter, scopesFor } from '../../auth/policies.ts';
import { AppError } from '../../lib/errors.ts';
import { localeFromHeader, runWithLocale } from '../../lib/request-context.ts';
import { fileStorage } from '../../storage/storage.ts';

export const CDC_DOWNLOAD_PREFIX = '/downloads/cdc-batches/';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

function refuse(res: ServerResponse, error: AppError) {
  res.writeHead(STATUS[error.code] ?? 400, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
}

export function createCdcDownloadHandler(services: AppServices) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> =>
    runWithLocale(localeFromHeader(req.headers['accept-language']), async () => {
      const viewer = await services.viewers.resolve(credentialFrom(req.headers.authorization));
      if (!viewer) return refuse(res, new AppError('UNAUTHENTICATED'));
      if (!scopesFor(viewer).admin) return refuse(res, new AppError('FORBIDDEN'));
      const id = /^([0-9a-f-]{36})\.xml$/.exec(url.pathname.slice(CDC_DOWNLOAD_PREFIX.length))?.[1];
      const batch = id
        ? await services.prisma.cdcBatch.findFirst({ where: { AND: [{ id }, cdcBatchFilter(viewer)] }, select: { fileName: true, storageKey: true, sizeBytes: true } })
        : null;
      if (!batch?.storageKey) return refuse(res, new AppError('NOT_FOUND'));
      const storage = await fileStorage(services.config.dataDir);
      res.writeHead(200, {
        'content-type': 'application/xml; charset=utf-8',
        'content-disposition': `attachment; filename="${batch.fileName}"`,
        ...(batch.sizeBytes !== null ? { 'content-length': String(batch.sizeBytes) } : {}),
      });
      await pipeline(storage.read(batch.storageKey), res);
    });
}
