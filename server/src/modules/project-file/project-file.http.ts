// GET /downloads/project-files/<id>: one project file version, for whoever may see its attempt (admins of its
// certification, the jurors of its oral, the candidate and their partner); anyone else gets 404, as for an
// unknown id. The shared stored-file handler sets the type and an RFC 6266 file name.
import type { AppServices } from '../../graphql/context.ts';
import { projectFileFilter } from '../../auth/policies.ts';
import { createStoredFileDownloadHandler } from './upload.http.ts';

export const PROJECT_FILE_DOWNLOAD_PREFIX = '/downloads/project-files/';

export function createProjectFileDownloadHandler(services: AppServices) {
  return createStoredFileDownloadHandler(services, PROJECT_FILE_DOWNLOAD_PREFIX, async (viewer, id) => {
    const version = await services.prisma.projectFile.findFirst({
      where: { AND: [{ id }, projectFileFilter(viewer)] },
      select: { file: { select: { storageKey: true, filename: true, mimeType: true, size: true } } },
    });
    return version?.file;
  });
}
