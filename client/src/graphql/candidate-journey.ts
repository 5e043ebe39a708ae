// The candidate's project file (issue 10): the versions already sent, and the upload with its progress.
import { graphql, type ResultOf } from './tada';
import { authToken } from '../auth/token';
import { currentLocale } from '../i18n';

export const MyProjectFilesQuery = graphql(`
  query MyProjectFiles {
    myAttempts {
      id
      projectFiles {
        id
        version
        submittedAt
        acknowledgedAt
        dueAt
        file {
          id
          filename
          size
        }
      }
    }
  }
`);

export type MyProjectFile = ResultOf<typeof MyProjectFilesQuery>['myAttempts'][number]['projectFiles'][number];

/** What the upload endpoint answers (201), or the message of its refusal (in the request's language). */
export interface ProjectFileUploaded {
  projectFileId: string;
  version: number;
}

export class ProjectFileUploadError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export interface UploadHandle {
  done: Promise<ProjectFileUploaded>;
  abort: () => void;
}

/**
 * Sends a project file to `POST /uploads/project-file` with XMLHttpRequest (fetch cannot report the progress of a
 * request body); `onProgress(sent, total)` follows the bytes sent. `done` rejects with a ProjectFileUploadError
 * (the server's translated message; status 0 for a network failure, with `networkMessage`) or an AbortError.
 */
export function uploadProjectFile(attemptId: string, file: File, onProgress: (sent: number, total: number) => void, networkMessage: string): UploadHandle {
  const request = new XMLHttpRequest();
  const done = new Promise<ProjectFileUploaded>((resolve, reject) => {
    request.open('POST', `/uploads/project-file?attemptId=${encodeURIComponent(attemptId)}`);
    request.setRequestHeader('accept-language', currentLocale());
    if (authToken.value) request.setRequestHeader('authorization', `Bearer ${authToken.value}`);
    request.responseType = 'json';
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => {
      const body = (request.response ?? {}) as Partial<ProjectFileUploaded> & { errors?: { message?: string }[] };
      if (request.status === 201 && body.projectFileId && typeof body.version === 'number') {
        resolve({ projectFileId: body.projectFileId, version: body.version });
      } else reject(new ProjectFileUploadError(body.errors?.[0]?.message || request.statusText || networkMessage, request.status));
    };
    request.onerror = () => reject(new ProjectFileUploadError(networkMessage, 0));
    request.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
  return { done, abort: () => request.abort() };
}
