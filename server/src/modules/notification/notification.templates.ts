// Notification templates, French first and English second. A notification stores its template name and the
// data needed to render it; subject, text and link are rendered when it is shown or mailed, in the recipient's
// language. Each module adds its own templates here (one entry per cause).
import type { Locale } from '../../lib/request-context.ts';

export type NotificationData = Record<string, string | number | boolean | null>;

interface Rendered {
  subject: string;
  text: string;
}

export interface NotificationTemplateDefinition {
  fr: (data: NotificationData) => Rendered;
  en: (data: NotificationData) => Rendered;
  /** Path in the web app the notification leads to (relative to PUBLIC_URL). */
  path: (data: NotificationData) => string;
}

const s = (value: unknown) => (value === null || value === undefined ? '' : String(value));

export const notificationTemplates = {
  RESULT_PUBLISHED: {
    fr: (d) => ({
      subject: `Votre résultat est disponible : ${s(d.certificationTitle)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nLe résultat de votre passage de la certification « ${s(d.certificationTitle)} » (${s(d.certificationCode)}) est publié. Vous pouvez le consulter dans votre espace candidat.`,
    }),
    en: (d) => ({
      subject: `Your result is available: ${s(d.certificationTitle)}`,
      text: `Hello ${s(d.candidateName)},\n\nThe result of your attempt at the certification "${s(d.certificationTitle)}" (${s(d.certificationCode)}) has been published. You can read it in your candidate area.`,
    }),
    path: () => '/candidate',
  },
  PARTNER_RESULT_PUBLISHED: {
    fr: (d) => ({
      subject: `Résultat publié : ${s(d.candidateName)} — ${s(d.certificationCode)}`,
      text: `Le résultat de ${s(d.candidateName)} (dossier ${s(d.fileNumber)}) pour la certification « ${s(d.certificationTitle)} » est publié.`,
    }),
    en: (d) => ({
      subject: `Result published: ${s(d.candidateName)} — ${s(d.certificationCode)}`,
      text: `The result of ${s(d.candidateName)} (file ${s(d.fileNumber)}) for the certification "${s(d.certificationTitle)}" has been published.`,
    }),
    path: () => '/partner',
  },
} satisfies Record<string, NotificationTemplateDefinition>;

export type NotificationTemplate = keyof typeof notificationTemplates;

export function renderNotification(template: string, locale: Locale, data: NotificationData): Rendered & { path: string } {
  const definition = (notificationTemplates as Record<string, NotificationTemplateDefinition>)[template];
  if (!definition) return { subject: template, text: '', path: '/' };
  return { ...definition[locale](data), path: definition.path(data) };
}
