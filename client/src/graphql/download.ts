import { authToken } from '../auth/token';
import { currentLocale } from '../i18n';

/**
 * Downloads a file from a route that needs the bearer token (a plain link would not carry it): the file is
 * fetched and handed to the browser as a Blob URL. Throws the server's (translated) message on refusal.
 */
export async function downloadWithCredential(path: string, filename: string): Promise<void> {
  const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
  if (authToken.value) headers.Authorization = `Bearer ${authToken.value}`;
  const response = await fetch(path, { headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
    throw new Error(body?.errors?.[0]?.message || `HTTP ${response.status}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
