import { authToken } from '../../../auth/token';
import type { CdcBatch } from '../../../graphql/types';
import { currentLocale } from '../../../i18n';

/**
 * Downloads a batch's XML file: the route needs the admin's bearer token, so the file is fetched and handed to
 * the browser as a Blob URL. Throws the server's (translated) message on refusal.
 */
export async function downloadCdcBatch(batch: Pick<CdcBatch, 'downloadPath' | 'fileName'>): Promise<void> {
  const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
  if (authToken.value) headers.Authorization = `Bearer ${authToken.value}`;
  const response = await fetch(batch.downloadPath, { headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
    throw new Error(body?.errors?.[0]?.message || `HTTP ${response.status}`);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = batch.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
