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

/** Where an oral takes place: `place` on site, `remote` online (a MIXED session offers both). */
function where(d: NotificationData, locale: Locale): string {
  const onSite = d.place ? (locale === 'fr' ? `sur place (${s(d.place)})` : `on site (${s(d.place)})`) : '';
  const online = d.remote ? (locale === 'fr' ? 'à distance' : 'online') : '';
  return [onSite, online].filter(Boolean).join(locale === 'fr' ? ' ou ' : ' or ');
}

/** An ISO instant as French or English readers expect it, in the certifier's time zone (Paris). */
function parisTime(value: unknown, locale: Locale): string {
  const date = new Date(s(value));
  if (Number.isNaN(date.getTime())) return s(value);
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date);
}
const dayOf = (iso: unknown, locale: 'fr-FR' | 'en-GB') =>
  typeof iso === 'string' ? new Date(iso).toLocaleDateString(locale, { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }) : '';

const appealStateFr: Record<string, string> = { SUBMITTED: 'déposée', UNDER_REVIEW: "en cours d'examen", UPHELD: 'fondée', REJECTED: 'rejetée', CLOSED: 'clôturée' };
const appealStateEn: Record<string, string> = { SUBMITTED: 'submitted', UNDER_REVIEW: 'under review', UPHELD: 'upheld', REJECTED: 'rejected', CLOSED: 'closed' };

export const notificationTemplates = {
  // Accounts (issue 19): links that set a password or confirm an address. Sent by e-mail only (never in-app),
  // since the person cannot sign in yet or is proving they own the address; `expiresAt` is an ISO instant.
  ACCOUNT_INVITATION: {
    fr: (d) => ({
      subject: `Invitation à rejoindre ${s(d.organisation)} sur Certijury`,
      text: `Bonjour ${s(d.displayName)},\n\n${d.invitedBy ? `${s(d.invitedBy)} vous invite` : 'Vous êtes invité(e)'} à rejoindre ${s(d.organisation)} sur Certijury (${s(d.roleLabelFr)}).\n\nChoisissez votre mot de passe avec le lien ci-dessous, valable jusqu'au ${parisTime(d.expiresAt, 'fr')}. Votre identifiant est votre adresse e-mail : ${s(d.email)}.\n\nSi vous n'attendiez pas cette invitation, ignorez ce message.`,
    }),
    en: (d) => ({
      subject: `Invitation to join ${s(d.organisation)} on Certijury`,
      text: `Hello ${s(d.displayName)},\n\n${d.invitedBy ? `${s(d.invitedBy)} invites you` : 'You are invited'} to join ${s(d.organisation)} on Certijury (${s(d.roleLabelEn)}).\n\nChoose your password with the link below, valid until ${parisTime(d.expiresAt, 'en')}. You sign in with your e-mail address: ${s(d.email)}.\n\nIf you did not expect this invitation, ignore this message.`,
    }),
    path: (d) => s(d.path),
  },
  ACCOUNT_CANDIDATE_INVITATION: {
    fr: (d) => ({
      subject: `Votre espace candidat : ${s(d.certificationTitle)}`,
      text: `Bonjour ${s(d.displayName)},\n\n${s(d.partnerName)} vous a inscrit(e) à la certification « ${s(d.certificationTitle)} » délivrée par ${s(d.certifierName)}. Dans votre espace candidat, vous déposerez votre dossier, vous entraînerez, réserverez votre oral et suivrez votre résultat.\n\nCréez votre accès en choisissant un mot de passe avec le lien ci-dessous, valable jusqu'au ${parisTime(d.expiresAt, 'fr')}. Votre identifiant est votre adresse e-mail : ${s(d.email)}.`,
    }),
    en: (d) => ({
      subject: `Your candidate area: ${s(d.certificationTitle)}`,
      text: `Hello ${s(d.displayName)},\n\n${s(d.partnerName)} registered you for the certification "${s(d.certificationTitle)}" awarded by ${s(d.certifierName)}. In your candidate area you will upload your file, practise, book your oral and follow your result.\n\nChoose a password with the link below to open it, valid until ${parisTime(d.expiresAt, 'en')}. You sign in with your e-mail address: ${s(d.email)}.`,
    }),
    path: (d) => s(d.path),
  },
  ACCOUNT_PASSWORD_RESET: {
    fr: (d) => ({
      subject: 'Réinitialisation de votre mot de passe Certijury',
      text: `Bonjour ${s(d.displayName)},\n\nUne réinitialisation du mot de passe de votre compte Certijury a été demandée. Choisissez-en un nouveau avec le lien ci-dessous, valable une heure (jusqu'au ${parisTime(d.expiresAt, 'fr')}) et une seule fois.\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.`,
    }),
    en: (d) => ({
      subject: 'Reset your Certijury password',
      text: `Hello ${s(d.displayName)},\n\nSomeone asked to reset the password of your Certijury account. Choose a new one with the link below, valid for one hour (until ${parisTime(d.expiresAt, 'en')}) and once only.\n\nIf you did not ask for it, ignore this message: your current password still works.`,
    }),
    path: (d) => s(d.path),
  },
  ACCOUNT_EMAIL_CHANGE: {
    fr: (d) => ({
      subject: 'Confirmez votre nouvelle adresse e-mail',
      text: `Bonjour ${s(d.displayName)},\n\nPour que votre compte Certijury utilise désormais cette adresse, confirmez-la avec le lien ci-dessous (valable jusqu'au ${parisTime(d.expiresAt, 'fr')}).\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message.`,
    }),
    en: (d) => ({
      subject: 'Confirm your new e-mail address',
      text: `Hello ${s(d.displayName)},\n\nTo have your Certijury account use this address from now on, confirm it with the link below (valid until ${parisTime(d.expiresAt, 'en')}).\n\nIf you did not ask for it, ignore this message.`,
    }),
    path: (d) => s(d.path),
  },
  ACCOUNT_PASSWORD_CHANGED: {
    fr: (d) => ({
      subject: 'Le mot de passe de votre compte Certijury a changé',
      text: `Bonjour ${s(d.displayName)},\n\nLe mot de passe de votre compte Certijury vient d'être changé ; vos autres sessions ont été fermées. Si vous n'êtes pas à l'origine de ce changement, utilisez « Mot de passe oublié » sur la page de connexion et prévenez l'organisme certificateur.`,
    }),
    en: (d) => ({
      subject: 'Your Certijury password was changed',
      text: `Hello ${s(d.displayName)},\n\nThe password of your Certijury account was just changed; your other sessions were closed. If you did not do it, use "Forgot password" on the sign-in page and tell the certification body.`,
    }),
    path: () => '/login',
  },
  RESULT_PUBLISHED: {
    fr: (d) => ({
      subject: `Votre résultat est disponible : ${s(d.certificationTitle)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nLe résultat de votre passage de la certification « ${s(d.certificationTitle)} » (${s(d.certificationCode)}) est publié. Vous pouvez le consulter dans votre espace candidat.${d.appealUrl ? `\n\nPour le contester, sans vous connecter : ${s(d.appealUrl)}${d.contestUntil ? ` (jusqu'au ${dayOf(d.contestUntil, 'fr-FR')})` : ''}` : ''}`,
    }),
    en: (d) => ({
      subject: `Your result is available: ${s(d.certificationTitle)}`,
      text: `Hello ${s(d.candidateName)},\n\nThe result of your attempt at the certification "${s(d.certificationTitle)}" (${s(d.certificationCode)}) has been published. You can read it in your candidate area.${d.appealUrl ? `\n\nTo contest it, without signing in: ${s(d.appealUrl)}${d.contestUntil ? ` (until ${dayOf(d.contestUntil, 'en-GB')})` : ''}` : ''}`,
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
  // Complaints and retakes (issue 7): dates travel as ISO strings and are shown as Paris calendar days.
  COMPLAINT_FILED_PARTNER: {
    fr: (d) => ({
      subject: `Nouvelle réclamation sur la formation : ${s(d.candidateName)}`,
      text: `${s(d.candidateName)} (dossier ${s(d.fileNumber)}) a déposé une réclamation sur la formation suivie. Merci d'y répondre avant le ${dayOf(d.answerBy, 'fr-FR')} : l'organisme certificateur suit ce délai de 30 jours.`,
    }),
    en: (d) => ({
      subject: `New complaint about the training: ${s(d.candidateName)}`,
      text: `${s(d.candidateName)} (file ${s(d.fileNumber)}) filed a complaint about the training. Please answer it by ${dayOf(d.answerBy, 'en-GB')}: the certification body follows this 30-day deadline.`,
    }),
    path: () => '/partner/complaints',
  },
  COMPLAINT_FILED_ADMIN: {
    fr: (d) => ({
      subject: `Nouvelle réclamation sur la certification : ${s(d.candidateName)}`,
      text: `${s(d.candidateName)} (dossier ${s(d.fileNumber)}) a déposé une réclamation sur le processus de certification. Réponse attendue avant le ${dayOf(d.answerBy, 'fr-FR')}.`,
    }),
    en: (d) => ({
      subject: `New complaint about the certification: ${s(d.candidateName)}`,
      text: `${s(d.candidateName)} (file ${s(d.fileNumber)}) filed a complaint about the certification process. Answer due by ${dayOf(d.answerBy, 'en-GB')}.`,
    }),
    path: () => '/admin/complaints',
  },
  COMPLAINT_STATE_CHANGED: {
    fr: (d) => ({
      subject: `Votre réclamation est ${s(d.stateFr)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nVotre réclamation du ${dayOf(d.submittedAt, 'fr-FR')} est désormais ${s(d.stateFr)}.${d.answer ? `\n\nRéponse : ${s(d.answer)}` : ''}`,
    }),
    en: (d) => ({
      subject: `Your complaint is ${s(d.stateEn)}`,
      text: `Hello ${s(d.candidateName)},\n\nYour complaint of ${dayOf(d.submittedAt, 'en-GB')} is now ${s(d.stateEn)}.${d.answer ? `\n\nAnswer: ${s(d.answer)}` : ''}`,
    }),
    path: () => '/candidate/complaints',
  },
  RETAKE_OPENED: {
    fr: (d) => ({
      subject: `Nouvelle tentative ouverte : ${s(d.certificationTitle)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nUn nouveau passage (n° ${s(d.attemptNumber)}) de la certification « ${s(d.certificationTitle)} » est ouvert. Il porte sur : ${s(d.scopeFr)}. Déposez votre dossier projet pour réserver un créneau d'oral.`,
    }),
    en: (d) => ({
      subject: `New attempt opened: ${s(d.certificationTitle)}`,
      text: `Hello ${s(d.candidateName)},\n\nA new attempt (no. ${s(d.attemptNumber)}) at the certification "${s(d.certificationTitle)}" is open. It covers: ${s(d.scopeEn)}. Upload your project file to book an oral slot.`,
    }),
    path: () => '/candidate',
  },
  PARTNER_RETAKE_OPENED: {
    fr: (d) => ({
      subject: `Nouvelle tentative : ${s(d.candidateName)} — ${s(d.certificationCode)}`,
      text: `Un nouveau passage (n° ${s(d.attemptNumber)}) est ouvert pour ${s(d.candidateName)} (dossier ${s(d.fileNumber)}), certification « ${s(d.certificationTitle)} ». Il porte sur : ${s(d.scopeFr)}.`,
    }),
    en: (d) => ({
      subject: `New attempt: ${s(d.candidateName)} — ${s(d.certificationCode)}`,
      text: `A new attempt (no. ${s(d.attemptNumber)}) is open for ${s(d.candidateName)} (file ${s(d.fileNumber)}), certification "${s(d.certificationTitle)}". It covers: ${s(d.scopeEn)}.`,
    }),
    path: () => '/partner',
  },
  // Booking and project files (issue 6): the candidate is told of their oral slot and of the acknowledged file.
  SLOT_BOOKED: {
    fr: (d) => ({
      subject: `Votre oral est réservé : ${s(d.certificationTitle)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nVotre oral de la certification « ${s(d.certificationTitle)} » est réservé le ${parisTime(d.startsAt, 'fr')}, ${where(d, 'fr')}.`,
    }),
    en: (d) => ({
      subject: `Your oral is booked: ${s(d.certificationTitle)}`,
      text: `Hello ${s(d.candidateName)},\n\nYour oral for the certification "${s(d.certificationTitle)}" is booked on ${parisTime(d.startsAt, 'en')}, ${where(d, 'en')}.`,
    }),
    path: (d) => `/candidate/attempts/${s(d.attemptId)}/slot`,
  },
  BOOKING_CANCELLED: {
    fr: (d) => ({
      subject: `Réservation annulée : ${s(d.certificationTitle)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nLa réservation de votre oral du ${parisTime(d.startsAt, 'fr')} pour la certification « ${s(d.certificationTitle)} » est annulée. Vous pouvez choisir un autre créneau.`,
    }),
    en: (d) => ({
      subject: `Booking cancelled: ${s(d.certificationTitle)}`,
      text: `Hello ${s(d.candidateName)},\n\nThe booking of your oral on ${parisTime(d.startsAt, 'en')} for the certification "${s(d.certificationTitle)}" is cancelled. You can choose another slot.`,
    }),
    path: (d) => `/candidate/attempts/${s(d.attemptId)}/slot`,
  },
  // GDPR rectification (issue 19): the admins hear of a request, the candidate of the decision.
  RECTIFICATION_REQUESTED: {
    fr: (d) => ({
      subject: `Demande de rectification : ${s(d.candidateName)}`,
      text: `${s(d.candidateName)} (dossier ${s(d.fileNumber)}) demande la rectification de ses données d'identité. Examinez la demande pour l'accepter ou la refuser.`,
    }),
    en: (d) => ({
      subject: `Rectification request: ${s(d.candidateName)}`,
      text: `${s(d.candidateName)} (file ${s(d.fileNumber)}) asks for a rectification of their identity data. Review the request to approve or reject it.`,
    }),
    path: () => '/admin/rectifications',
  },
  RECTIFICATION_DECIDED: {
    fr: (d) => ({
      subject: d.approved ? 'Votre demande de rectification est acceptée' : 'Votre demande de rectification est refusée',
      text: d.approved
        ? `Bonjour,\n\nVos données d'identité ont été rectifiées comme vous l'avez demandé.${d.reason ? ` Commentaire : ${s(d.reason)}` : ''}`
        : `Bonjour,\n\nVotre demande de rectification de vos données d'identité est refusée. Motif : ${s(d.reason)}`,
    }),
    en: (d) => ({
      subject: d.approved ? 'Your rectification request is approved' : 'Your rectification request is rejected',
      text: d.approved
        ? `Hello,\n\nYour identity data were corrected as you asked.${d.reason ? ` Comment: ${s(d.reason)}` : ''}`
        : `Hello,\n\nYour request to correct your identity data is rejected. Reason: ${s(d.reason)}`,
    }),
    path: () => '/candidate/identity',
  },
  PROJECT_FILE_RETURNED: {
    fr: (d) => ({
      subject: `Dossier projet à compléter : ${s(d.certificationTitle)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nVotre dossier projet (version ${s(d.version)}) pour la certification « ${s(d.certificationTitle)} » est incomplet. Motif : ${s(d.comment)}\n\nDéposez une nouvelle version depuis votre espace candidat : l'organisme certificateur en accusera réception sous 5 jours.`,
    }),
    en: (d) => ({
      subject: `Project file to complete: ${s(d.certificationTitle)}`,
      text: `Hello ${s(d.candidateName)},\n\nYour project file (version ${s(d.version)}) for the certification "${s(d.certificationTitle)}" is incomplete. Reason: ${s(d.comment)}\n\nUpload a new version from your candidate area: the certification body will acknowledge it within 5 days.`,
    }),
    path: (d) => `/candidate/attempts/${s(d.attemptId)}`,
  },
  PROJECT_FILE_RETURNED_PARTNER: {
    fr: (d) => ({
      subject: `Dossier projet à compléter : ${s(d.candidateName)}`,
      text: `Le dossier projet de ${s(d.candidateName)} (dossier ${s(d.fileNumber)}, version ${s(d.version)}) pour « ${s(d.certificationTitle)} » est incomplet. Motif : ${s(d.comment)}`,
    }),
    en: (d) => ({
      subject: `Project file to complete: ${s(d.candidateName)}`,
      text: `The project file of ${s(d.candidateName)} (file ${s(d.fileNumber)}, version ${s(d.version)}) for "${s(d.certificationTitle)}" is incomplete. Reason: ${s(d.comment)}`,
    }),
    path: () => '/partner',
  },
  PROJECT_FILE_ACKNOWLEDGED: {
    fr: (d) => ({
      subject: `Dossier projet réceptionné : ${s(d.certificationTitle)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nVotre dossier projet (version ${s(d.version)}) pour la certification « ${s(d.certificationTitle)} » est réceptionné. Vous pouvez maintenant réserver votre créneau d'oral.`,
    }),
    en: (d) => ({
      subject: `Project file acknowledged: ${s(d.certificationTitle)}`,
      text: `Hello ${s(d.candidateName)},\n\nYour project file (version ${s(d.version)}) for the certification "${s(d.certificationTitle)}" has been acknowledged. You can now book your oral slot.`,
    }),
    path: (d) => `/candidate/attempts/${s(d.attemptId)}/slot`,
  },
  CERTIFICATE_ISSUED: {
    fr: (d) => ({
      subject: `Votre certificat est disponible : ${s(d.certificationTitle)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nVotre certificat vérifiable « ${s(d.certificateNames)} » (${s(d.certificationCode)}) est délivré. Dans votre espace candidat, vous pouvez le télécharger (PDF et JSON signé), copier son lien de vérification et l'ajouter à votre profil LinkedIn.`,
    }),
    en: (d) => ({
      subject: `Your certificate is available: ${s(d.certificationTitle)}`,
      text: `Hello ${s(d.candidateName)},\n\nYour verifiable certificate "${s(d.certificateNames)}" (${s(d.certificationCode)}) has been issued. In your candidate area you can download it (PDF and signed JSON), copy its verification link and add it to your LinkedIn profile.`,
    }),
    path: () => '/candidate',
  },
  // Appeals (issue 7): every state change of an appeal, to its candidate; a new appeal, to the certifier's admins.
  APPEAL_STATE_CHANGED: {
    fr: (d) => ({
      subject: `Votre contestation : ${appealStateFr[s(d.state)] ?? s(d.state)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nVotre contestation du résultat de la certification « ${s(d.certificationTitle)} » (${s(d.certificationCode)}) est désormais : ${appealStateFr[s(d.state)] ?? s(d.state)}.${d.reason ? `\n\nMotif : ${s(d.reason)}` : ''}`,
    }),
    en: (d) => ({
      subject: `Your appeal: ${appealStateEn[s(d.state)] ?? s(d.state)}`,
      text: `Hello ${s(d.candidateName)},\n\nYour appeal against the result of the certification "${s(d.certificationTitle)}" (${s(d.certificationCode)}) is now: ${appealStateEn[s(d.state)] ?? s(d.state)}.${d.reason ? `\n\nReason: ${s(d.reason)}` : ''}`,
    }),
    path: (d) => `/candidate/attempts/${s(d.attemptId)}/appeal`,
  },
  APPEAL_SUBMITTED: {
    fr: (d) => ({
      subject: `Nouvelle contestation : ${s(d.candidateName)} — ${s(d.certificationCode)}`,
      text: `${s(d.candidateName)} conteste son résultat à la certification « ${s(d.certificationTitle)} ». La réponse est due sous 30 jours.`,
    }),
    en: (d) => ({
      subject: `New appeal: ${s(d.candidateName)} — ${s(d.certificationCode)}`,
      text: `${s(d.candidateName)} contests their result at the certification "${s(d.certificationTitle)}". The answer is due within 30 days.`,
    }),
    path: (d) => `/admin/appeals/${s(d.appealId)}`,
  },
  DEADLINES_AT_RISK: {
    fr: (d) => ({
      subject: `Échéances en retard ou à risque : ${s(d.total)}`,
      text: [
        'Échéances légales en retard ou proches :',
        ...([
          [d.projectFiles, 'dossier(s) projet à accuser réception (5 jours)'],
          [d.results, 'résultat(s) à publier (10 jours après l’oral)'],
          [d.certificates, 'certificat(s) à délivrer (30 jours après le jury)'],
          [d.appeals, 'contestation(s) à traiter (30 jours)'],
          [d.complaints, 'réclamation(s) à traiter (30 jours)'],
          [d.cdc, 'transmission(s) à la Caisse des Dépôts non acceptée(s) (3 mois après le jury)'],
          [d.cdcAwaitingReport, `passage(s) envoyé(s) à la CDC en attente du rapport de traitement (le plus ancien depuis ${s(d.cdcOldestAwaitingDays)} jours)`],
          [d.cdcPortalActions, 'passage(s) à modifier ou supprimer sur le portail de la CDC'],
        ] as const)
          .filter(([count]) => Number(count) > 0)
          .map(([count, label]) => `— ${s(count)} ${label}`),
      ].join('\n'),
    }),
    en: (d) => ({
      subject: `Deadlines late or at risk: ${s(d.total)}`,
      text: [
        'Legal deadlines late or close:',
        ...([
          [d.projectFiles, 'project file(s) to acknowledge (5 days)'],
          [d.results, 'result(s) to publish (10 days after the oral)'],
          [d.certificates, 'certificate(s) to issue (30 days after the jury)'],
          [d.appeals, 'appeal(s) to answer (30 days)'],
          [d.complaints, 'complaint(s) to answer (30 days)'],
          [d.cdc, 'transmission(s) to the Caisse des Dépôts not accepted yet (3 months after the jury)'],
          [d.cdcAwaitingReport, `passage(s) sent to the CDC awaiting the processing report (the oldest for ${s(d.cdcOldestAwaitingDays)} days)`],
          [d.cdcPortalActions, 'passage(s) to modify or delete on the CDC portal'],
        ] as const)
          .filter(([count]) => Number(count) > 0)
          .map(([count, label]) => `— ${s(count)} ${label}`),
      ].join('\n'),
    }),
    path: () => '/admin',
  },
  // Assessed questionnaire (issue 8)
  QUESTIONNAIRE_RETRY_GRANTED: {
    fr: (d) => ({
      subject: `Nouveau questionnaire autorisé — ${s(d.certificationCode)}`,
      text: `Bonjour ${s(d.candidateName)},\n\nL'organisme certificateur vous autorise à repasser le questionnaire de la certification « ${s(d.certificationTitle)} ». Le précédent ne compte plus.\n\nMotif : ${s(d.reason)}`,
    }),
    en: (d) => ({
      subject: `New questionnaire allowed — ${s(d.certificationCode)}`,
      text: `Hello ${s(d.candidateName)},\n\nThe certifier allows you to take the questionnaire of the certification "${s(d.certificationTitle)}" again. The previous one no longer counts.\n\nReason: ${s(d.reason)}`,
    }),
    path: (d) => `/candidate/attempts/${s(d.attemptId)}/questionnaire`,
  },
  // CléA pathway (issue 13): evaluation results, training path, commission decision, to the candidate.
  CLEA_EVALUATION_RECORDED: {
    fr: (d) => ({
      subject: `Résultats de votre évaluation ${d.kind === 'FINAL' ? 'finale' : 'préalable'} CléA`,
      text: `Bonjour ${s(d.candidateName)},\n\nLes résultats de votre évaluation ${d.kind === 'FINAL' ? 'finale' : 'préalable'} CléA sont disponibles : ${s(d.mastered)} module(s) sur 7 maîtrisé(s).${Number(d.missing) > 0 ? ` Un parcours de formation vous est proposé pour les ${s(d.missing)} module(s) restant(s).` : ' Votre dossier est présenté à la commission de certification.'}${d.portfolio ? ' Votre portefeuille de compétences est disponible.' : ''}\n\nÉvaluation finale à passer avant le ${dayOf(d.deadline, 'fr-FR')}.`,
    }),
    en: (d) => ({
      subject: `Results of your CléA ${d.kind === 'FINAL' ? 'final' : 'preliminary'} evaluation`,
      text: `Hello ${s(d.candidateName)},\n\nThe results of your CléA ${d.kind === 'FINAL' ? 'final' : 'preliminary'} evaluation are available: ${s(d.mastered)} of 7 module(s) mastered.${Number(d.missing) > 0 ? ` A training path is proposed for the ${s(d.missing)} remaining module(s).` : ' Your file goes to the certification commission.'}${d.portfolio ? ' Your skills portfolio is available.' : ''}\n\nFinal evaluation due by ${dayOf(d.deadline, 'en-GB')}.`,
    }),
    path: (d) => `/candidate/attempts/${s(d.attemptId)}/clea`,
  },
  CLEA_TRAINING_PATH_UPDATED: {
    fr: (d) => ({
      subject: 'Votre parcours de formation CléA a été mis à jour',
      text: `Bonjour ${s(d.candidateName)},\n\nModule « ${s(d.moduleTitle)} » : ${s(d.toTrain)}${d.partnerName ? ` — avec ${s(d.partnerName)}` : ''}.`,
    }),
    en: (d) => ({
      subject: 'Your CléA training path was updated',
      text: `Hello ${s(d.candidateName)},\n\nModule "${s(d.moduleTitle)}": ${s(d.toTrain)}${d.partnerName ? ` — with ${s(d.partnerName)}` : ''}.`,
    }),
    path: (d) => `/candidate/attempts/${s(d.attemptId)}/clea`,
  },
  CLEA_COMMISSION_DECIDED: {
    fr: (d) => ({
      subject: d.certified ? 'La commission vous a délivré la certification CléA' : 'Décision de la commission de certification CléA',
      text: `Bonjour ${s(d.candidateName)},\n\n${d.certified ? 'La commission de certification a validé votre dossier : votre certificat CléA est délivré.' : `La commission de certification n'a pas délivré la certification. Motif : ${s(d.reason)}`}`,
    }),
    en: (d) => ({
      subject: d.certified ? 'The commission awarded you the CléA certification' : 'Decision of the CléA certification commission',
      text: `Hello ${s(d.candidateName)},\n\n${d.certified ? 'The certification commission validated your file: your CléA certificate is issued.' : `The certification commission did not award the certification. Reason: ${s(d.reason)}`}`,
    }),
    path: (d) => `/candidate/attempts/${s(d.attemptId)}/clea`,
  },
} satisfies Record<string, NotificationTemplateDefinition>;

export type NotificationTemplate = keyof typeof notificationTemplates;

export function renderNotification(template: string, locale: Locale, data: NotificationData): Rendered & { path: string } {
  const definition = (notificationTemplates as Record<string, NotificationTemplateDefinition>)[template];
  if (!definition) return { subject: template, text: '', path: '/' };
  return { ...definition[locale](data), path: definition.path(data) };
}
