// Human names of oral phases and attempt states, for messages (the client has its own for display).
import { currentLocale, type Locale } from './request-context.ts';

const labels: Record<string, Record<Locale, string>> = {
  WAITING: { fr: 'en attente', en: 'waiting' },
  IDENTITY_CHECKED: { fr: 'identité vérifiée', en: 'identity checked' },
  PRESENTATION: { fr: 'présentation', en: 'presentation' },
  QUESTIONS: { fr: 'questions', en: 'questions' },
  DELIBERATION: { fr: 'délibération', en: 'deliberation' },
  DECIDED: { fr: 'décision rendue', en: 'decided' },
  SIGNED: { fr: 'procès-verbal signé', en: 'minutes signed' },
  SIGNING: { fr: 'signature en cours', en: 'being signed' },
  REGISTERED: { fr: 'inscrit', en: 'registered' },
  FILE_SUBMITTED: { fr: 'dossier déposé', en: 'file submitted' },
  FILE_ACKNOWLEDGED: { fr: 'dossier réceptionné', en: 'file acknowledged' },
  SCHEDULED: { fr: 'oral planifié', en: 'oral scheduled' },
  IN_EVALUATION: { fr: 'en évaluation', en: 'in evaluation' },
  RESULT_PUBLISHED: { fr: 'résultat publié', en: 'result published' },
  FROZEN: { fr: 'gelé', en: 'frozen' },
  WITHDRAWN: { fr: 'abandonné', en: 'withdrawn' },
};

export function stateLabel(state: string, locale: Locale = currentLocale()): string {
  return labels[state]?.[locale] ?? state;
}
