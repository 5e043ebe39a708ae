import type { CdcBatch } from '../../../graphql/types';
import { downloadWithCredential } from '../../../graphql/download';

/** Downloads a batch's XML file (the route needs the admin's bearer token). */
export function downloadCdcBatch(batch: Pick<CdcBatch, 'downloadPath' | 'fileName'>): Promise<void> {
  return downloadWithCredential(batch.downloadPath, batch.fileName);
}
