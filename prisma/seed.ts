// Demo data: one certifier, two partners, six jurors, two certifications (RS5302 awarded whole, a CQP awarded
// block by block) and twenty candidates spread over every stage of the journey, from registration to the
// CDC transmission. Run with `pnpm db:seed`; the server also calls seedDemoData() on first start.
//
// Deterministic on purpose: ids are derived from names, dates are relative to the day the seed runs (orals
// today, last month and next week), and no value is random except the salt of the single password hash.
// Everything is written in one transaction: a failure leaves the database empty, a second run changes nothing.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Prisma, PrismaClient } from '../server/src/generated/prisma/client.ts';
import { hashPassword } from '../server/src/auth/password.ts';
import { aggregateCompetences, decide, type FrameworkShape } from '../server/src/modules/scoring/decision.rules.ts';
import { idTechniqueFor, transmitByFor } from '../server/src/modules/cdc/cdc.rules.ts';
import { seedStatisticsDemo } from './seed-statistics.ts';
import { seedComplaintDemo } from './seed-complaints.ts';
import { seedCertificateDemo, type DemoCertificateSigning } from './seed-certificates.ts';
import { seedAppealDemo } from './seed-appeals.ts';
import { seedNotificationDemo } from './seed-notifications.ts';
import { QUESTIONNAIRE_DEMO_LOGIN, seedQuestionnaireDemo } from './seed-questionnaire.ts';
import { VAE_DEMO_LOGINS, seedVaeDemo } from './seed-vae.ts';
import { CANDIDATE_JOURNEY_DEMO_LOGIN, seedCandidateJourneyDemo } from './seed-candidate-journey.ts';
import { CLEA_DEMO_LOGINS, seedCleaDemo } from './seed-clea.ts';
import { demoId, type DemoLogins } from './seed-ids.ts';

export const DEMO_PASSWORD = 'certijury-demo';

const MAIL_DOMAIN = 'demo.certijury.fr';

// ───────────────────────────── Helpers ─────────────────────────────

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Completes a digit string with its Luhn check digit (SIREN and SIRET both use it). */
function withLuhnDigit(digits: string): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = digits + check;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** A SIRET whose SIREN and whole number both pass the Luhn check, like real ones. */
function siret(siren8: string, nic4: string): string {
  return withLuhnDigit(withLuhnDigit(siren8) + nic4);
}

const MINUTE = 60_000;
const DAY = 86_400_000;

function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MINUTE);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** Local date `dayOffset` days from `base`, at hh:mm. */
function onDay(base: Date, dayOffset: number, hours = 0, minutes = 0): Date {
  const d = new Date(base);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + dayOffset);
  d.setHours(hours, minutes, 0, 0);
  return d;
}

function dateOnly(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** "de décembre", "d'avril". */
function ofMonth(date: Date): string {
  const month = MONTHS[date.getMonth()];
  return /^[aeiouyéè]/.test(month) ? `d'${month}` : `de ${month}`;
}

function dayMonth(date: Date): string {
  return `${date.getDate()} ${MONTHS[date.getMonth()]}`;
}

const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

// ───────────────────────────── Reference data ─────────────────────────────

const CERTIFIER = {
  id: demoId('certifier'),
  name: 'Certijury Démo — Organisme certificateur',
  siret: siret('91234567', '0001'),
  cdcClientId: 'CJDEMO01',
  cdcContractId: 'MCFCER000123',
};

const PARTNERS = {
  A: {
    id: demoId('partner:A'),
    name: 'Formapro Conseil',
    shortName: 'Formapro',
    siret: siret('84731602', '0014'),
    declarationNumber: '11755829375',
    contactEmail: 'contact@formapro-conseil.fr',
    prefix: 'FP',
    user: { email: `partner-a@${MAIL_DOMAIN}`, displayName: 'Sébastien Caron' },
  },
  B: {
    id: demoId('partner:B'),
    name: 'Atelier Compétences',
    shortName: 'Atelier Compétences',
    siret: siret('79258314', '0027'),
    declarationNumber: '84691748269',
    contactEmail: 'formation@atelier-competences.fr',
    prefix: 'AC',
    user: { email: `partner-b@${MAIL_DOMAIN}`, displayName: 'Aurélie Vidal' },
  },
} as const;
type PartnerKey = keyof typeof PARTNERS;

const ADMIN = { id: demoId('user:admin'), email: `admin@${MAIL_DOMAIN}`, displayName: 'Camille Admin' };

interface JurorDef {
  n: number;
  displayName: string;
  profession: string;
  employer: string;
  note: string;
}

const JURORS: JurorDef[] = [
  {
    n: 1,
    displayName: 'Hélène Marchand',
    profession: "Consultante en ingénierie de certification",
    employer: 'Marchand Conseil & Certification',
    note: "présidente des jurys RS5302 (oral du jour, session à venir, session passée)",
  },
  {
    n: 2,
    displayName: 'Thomas Nguyen',
    profession: 'Responsable ingénierie de certification',
    employer: 'Fédération régionale des métiers du numérique',
    note: "membre du jury RS5302 (oral du jour, session à venir)",
  },
  {
    n: 3,
    displayName: 'Sophie Lefèvre',
    profession: "Directrice d'organisme de formation",
    employer: 'Institut Lumière Formation',
    note: "membre du jury RS5302 (oral du jour, session à venir)",
  },
  {
    n: 4,
    displayName: 'Karim Benali',
    profession: 'Responsable qualité et certification',
    employer: 'Groupe industriel Valmont',
    note: 'membre du jury RS5302 passé, président du jury paritaire CQP',
  },
  {
    n: 5,
    displayName: 'Nathalie Girard',
    profession: 'Technicienne méthodes, représentante des salariés',
    employer: 'Plasturgie du Val SA',
    note: "membre du jury paritaire CQP ; conflit d'intérêts déclaré avec Mathieu Roux",
  },
  {
    n: 6,
    displayName: 'Julien Roche',
    profession: 'Consultant formateur en ingénierie pédagogique',
    employer: 'Indépendant',
    note: 'formateur chez Formapro Conseil (inéligible pour ses candidats)',
  },
];
const jurorId = (n: number) => demoId(`user:juror${n}`);
const jurorEmail = (n: number) => `juror${n}@${MAIL_DOMAIN}`;

const SCALE_LABELS = {
  '0': 'Non évalué',
  '1': 'Non acquis',
  '2': "En cours d'acquisition",
  '3': 'Acquis',
  '4': 'Maîtrisé',
};

type ModalityName = 'QUESTIONNAIRE' | 'PROJECT_FILE' | 'ORAL' | 'OBSERVATION' | 'INTERVIEW' | 'WRITTEN';

interface CompetenceDef {
  code: string;
  title: string;
  modality: ModalityName;
  minimumScore: number;
  criteria: string[];
}

interface BlockDef {
  code: string;
  title: string;
  competences: CompetenceDef[];
}

/** RS5302, after the five modules of its training programme (seed 001); modules 1 and 2 share a block. */
const RS5302_BLOCKS: BlockDef[] = [
  {
    code: 'RS5302BC01',
    title: "Analyser l'environnement de la certification et l'opportunité d'un projet",
    competences: [
      {
        code: 'C1',
        title:
          'Identifier les acteurs de la certification professionnelle et leurs rôles (France Compétences, certificateurs, branches, OPCO, organismes de formation)',
        modality: 'QUESTIONNAIRE',
        minimumScore: 2,
        criteria: [
          'Les missions de France Compétences et de sa commission de la certification professionnelle sont correctement décrites.',
          "Le rôle de chaque acteur (certificateur, partenaire habilité, branche, OPCO) dans un projet de certification est identifié sans confusion.",
        ],
      },
      {
        code: 'C2',
        title: "Distinguer les exigences d'enregistrement au RNCP et au Répertoire spécifique pour orienter un projet",
        modality: 'QUESTIONNAIRE',
        minimumScore: 2,
        criteria: [
          "Les critères d'enregistrement propres au RNCP et au Répertoire spécifique sont distingués.",
          'Le choix du répertoire visé est justifié au regard de la nature des compétences à certifier.',
        ],
      },
      {
        code: 'C3',
        title:
          "Réaliser une note d'opportunité démontrant la pertinence du projet au regard des besoins du marché et de l'offre existante",
        modality: 'PROJECT_FILE',
        minimumScore: 3,
        criteria: [
          "La note s'appuie sur des données d'emploi et de besoins en compétences sourcées et récentes.",
          "L'analyse de l'offre de certification existante démontre l'absence de doublon ou la valeur ajoutée du projet.",
        ],
      },
      {
        code: 'C4',
        title: "Conseiller un commanditaire sur l'opportunité de créer ou de rénover une certification",
        modality: 'ORAL',
        minimumScore: 3,
        criteria: [
          'Les questions préalables au projet (finalité, public visé, débouchés) sont posées et argumentées.',
          'La recommandation formulée au commanditaire est étayée et réaliste au regard des attendus de France Compétences.',
        ],
      },
    ],
  },
  {
    code: 'RS5302BC02',
    title: "Élaborer le référentiel d'activités et de compétences",
    competences: [
      {
        code: 'C5',
        title: "Décrire les activités professionnelles visées à partir de l'analyse du métier",
        modality: 'ORAL',
        minimumScore: 2,
        criteria: [
          'Les activités décrites correspondent à des situations de travail réelles et observables.',
          "Les sources de l'analyse du métier (entretiens, observations, référentiels existants) sont explicitées.",
        ],
      },
      {
        code: 'C6',
        title: 'Rédiger les compétences selon le format attendu par France Compétences',
        modality: 'PROJECT_FILE',
        minimumScore: 3,
        criteria: [
          "Chaque compétence est formulée avec un verbe d'action, un objet et un contexte de réalisation.",
          "Les compétences couvrent l'ensemble des activités du référentiel sans redondance.",
        ],
      },
      {
        code: 'C7',
        title: 'Structurer la certification en blocs de compétences homogènes et évaluables séparément',
        modality: 'ORAL',
        minimumScore: 3,
        criteria: [
          'Chaque bloc regroupe des compétences cohérentes correspondant à une activité identifiable.',
          'Les blocs peuvent être évalués et validés indépendamment les uns des autres.',
        ],
      },
      {
        code: 'C8',
        title: 'Transposer un programme de formation en référentiel de compétences',
        modality: 'ORAL',
        minimumScore: 2,
        criteria: [
          'La distinction entre objectifs pédagogiques et compétences professionnelles est maîtrisée.',
          'La transposition proposée conserve les exigences professionnelles du métier visé.',
        ],
      },
    ],
  },
  {
    code: 'RS5302BC03',
    title: "Concevoir le dispositif d'évaluation et de certification",
    competences: [
      {
        code: 'C9',
        title: "Rédiger des critères d'évaluation observables et mesurables à partir d'un référentiel stabilisé",
        modality: 'PROJECT_FILE',
        minimumScore: 3,
        criteria: [
          'Les critères sont observables, mesurables et rattachés à une compétence précise.',
          "Le niveau d'exigence attendu est explicite pour chaque critère.",
        ],
      },
      {
        code: 'C10',
        title: "Définir les modalités d'évaluation adaptées à chaque bloc, par la voie de la formation et de la VAE",
        modality: 'ORAL',
        minimumScore: 3,
        criteria: [
          'Les modalités retenues (mise en situation, dossier, questionnaire, entretien) sont adaptées aux compétences évaluées.',
          'Les modalités propres à la VAE sont prévues et cohérentes avec celles de la voie de la formation.',
        ],
      },
      {
        code: 'C11',
        title: "Composer les jurys d'évaluation et de délibération en garantissant leur indépendance",
        modality: 'ORAL',
        minimumScore: 2,
        criteria: [
          "La composition des jurys d'évaluation et de délibération est définie et justifiée.",
          "Les règles d'indépendance (formateur du candidat, salarié du certificateur, conflit d'intérêts) sont prévues.",
        ],
      },
      {
        code: 'C12',
        title: "Choisir une échelle d'évaluation des compétences et les règles d'attribution de la certification",
        modality: 'QUESTIONNAIRE',
        minimumScore: 2,
        criteria: [
          "L'échelle d'évaluation retenue est adaptée et chacun de ses niveaux est défini.",
          "Les règles d'attribution (totale, partielle par blocs) sont connues et correctement appliquées.",
        ],
      },
      {
        code: 'C13',
        title: "Concevoir les outils d'évaluation (grilles, mises en situation, questionnaires)",
        modality: 'ORAL',
        minimumScore: 2,
        criteria: [
          "Les grilles d'évaluation reprennent l'ensemble des critères et l'échelle retenue.",
          'Les consignes destinées aux candidats et aux évaluateurs sont claires et complètes.',
        ],
      },
    ],
  },
  {
    code: 'RS5302BC04',
    title: "Constituer le dossier de demande d'enregistrement",
    competences: [
      {
        code: 'C14',
        title: 'Renseigner la fiche RNCP ou RS avec des informations exactes et cohérentes',
        modality: 'QUESTIONNAIRE',
        minimumScore: 2,
        criteria: [
          'Les rubriques obligatoires de la fiche sont identifiées.',
          "Les informations saisies sont cohérentes avec le référentiel et le dispositif d'évaluation.",
        ],
      },
      {
        code: 'C15',
        title: "Décrire les activités métiers et les débouchés dans le dossier d'enregistrement",
        modality: 'ORAL',
        minimumScore: 2,
        criteria: [
          "Les débouchés et les types d'emplois accessibles sont décrits avec précision.",
          "Les données d'insertion professionnelle des titulaires sont présentées et analysées.",
        ],
      },
      {
        code: 'C16',
        title:
          "Constituer et contrôler le dossier de demande d'enregistrement sur la plateforme de France Compétences",
        modality: 'ORAL',
        minimumScore: 3,
        criteria: [
          "L'ensemble des livrables attendus (note d'opportunité, référentiels, justificatifs) est réuni.",
          'Un contrôle de cohérence du dossier est effectué avant son dépôt.',
        ],
      },
    ],
  },
];

const CQP_BLOCKS: BlockDef[] = [
  {
    code: 'CQP0042BC01',
    title: 'Réaliser la maintenance préventive des équipements industriels',
    competences: [
      {
        code: 'C1',
        title: 'Préparer une intervention de maintenance préventive à partir du plan de maintenance',
        modality: 'OBSERVATION',
        minimumScore: 2,
        criteria: [
          "Les documents, pièces et outillages nécessaires sont réunis avant l'intervention.",
          "Les risques liés à l'intervention sont identifiés et les mesures de prévention prévues.",
        ],
      },
      {
        code: 'C2',
        title: 'Réaliser les opérations de maintenance préventive en respectant les règles de sécurité',
        modality: 'OBSERVATION',
        minimumScore: 3,
        criteria: [
          'Les opérations sont réalisées conformément à la gamme de maintenance.',
          "Les règles de sécurité et de protection de l'environnement sont appliquées.",
        ],
      },
    ],
  },
  {
    code: 'CQP0042BC02',
    title: 'Diagnostiquer et remettre en état les équipements',
    competences: [
      {
        code: 'C3',
        title: 'Diagnostiquer une défaillance mécanique, électrique, pneumatique ou hydraulique',
        modality: 'INTERVIEW',
        minimumScore: 2,
        criteria: [
          'La démarche de diagnostic est méthodique et les hypothèses sont vérifiées.',
          'La cause de la défaillance est identifiée.',
        ],
      },
      {
        code: 'C4',
        title: 'Remettre en état un équipement et contrôler son bon fonctionnement',
        modality: 'OBSERVATION',
        minimumScore: 2,
        criteria: ["L'équipement est remis en service dans les conditions de fonctionnement attendues."],
      },
      {
        code: 'C5',
        title: 'Consigner et déconsigner un équipement en toute sécurité',
        modality: 'OBSERVATION',
        minimumScore: 3,
        criteria: ['La procédure de consignation est appliquée dans l’ordre prescrit.'],
      },
    ],
  },
  {
    code: 'CQP0042BC03',
    title: 'Contribuer à l’amélioration de la fiabilité des installations',
    competences: [
      {
        code: 'C6',
        title: 'Proposer des améliorations techniques à partir de l’analyse des pannes récurrentes',
        modality: 'INTERVIEW',
        minimumScore: 2,
        criteria: [
          'L’analyse s’appuie sur l’historique des interventions.',
          'Les améliorations proposées sont chiffrées et réalistes.',
        ],
      },
      {
        code: 'C7',
        title: 'Rendre compte de ses interventions dans la GMAO',
        modality: 'WRITTEN',
        minimumScore: 2,
        criteria: ['Les comptes rendus d’intervention sont complets et exploitables.'],
      },
    ],
  },
];

interface QuizDef {
  competence: string;
  kind: 'SINGLE_CHOICE' | 'TRUE_FALSE';
  prompt: string;
  choices: { id: string; label: string }[];
  /** The id of the right choice. */
  correct: string;
  explanation: string;
}

const TRUE_FALSE = [
  { id: 'true', label: 'Vrai' },
  { id: 'false', label: 'Faux' },
];

const RS5302_QUIZ: QuizDef[] = [
  {
    competence: 'C1',
    kind: 'SINGLE_CHOICE',
    prompt: 'Quelle instance enregistre les certifications professionnelles au RNCP et au Répertoire spécifique ?',
    choices: [
      { id: 'a', label: 'Le ministère du Travail' },
      { id: 'b', label: 'France Compétences' },
      { id: 'c', label: 'La Caisse des Dépôts' },
      { id: 'd', label: 'Les OPCO' },
    ],
    correct: 'b',
    explanation:
      "Depuis la loi du 5 septembre 2018, France Compétences enregistre les certifications au RNCP et au Répertoire spécifique, après avis de sa commission de la certification professionnelle.",
  },
  {
    competence: 'C1',
    kind: 'SINGLE_CHOICE',
    prompt:
      "Dans quel délai le certificateur doit-il transmettre les titulaires au système d'information du CPF (Caisse des Dépôts) ?",
    choices: [
      { id: 'a', label: "Un mois après l'inscription du candidat" },
      { id: 'b', label: 'Trois mois après le jury' },
      { id: 'c', label: "Six mois après la fin de la formation" },
      { id: 'd', label: 'Une fois par an, en fin d’année civile' },
    ],
    correct: 'b',
    explanation:
      'Les passages de certification réussis sont déposés par fichier XML dans les trois mois qui suivent la date du jury.',
  },
  {
    competence: 'C2',
    kind: 'TRUE_FALSE',
    prompt:
      'Les certifications enregistrées au RNCP sont classées selon un niveau du cadre national des certifications professionnelles.',
    choices: TRUE_FALSE,
    correct: 'true',
    explanation:
      "Les certifications du RNCP sont classées par niveau de qualification (du niveau 3 au niveau 8) ; celles du Répertoire spécifique n'ont pas de niveau.",
  },
  {
    competence: 'C2',
    kind: 'SINGLE_CHOICE',
    prompt: "Pour quelle durée maximale une certification est-elle enregistrée par France Compétences ?",
    choices: [
      { id: 'a', label: '3 ans' },
      { id: 'b', label: '5 ans' },
      { id: 'c', label: '10 ans' },
      { id: 'd', label: 'Sans limite de durée' },
    ],
    correct: 'b',
    explanation:
      "L'enregistrement est accordé pour une durée maximale de cinq ans ; le certificateur doit ensuite demander son renouvellement.",
  },
  {
    competence: 'C12',
    kind: 'SINGLE_CHOICE',
    prompt:
      "Avec une règle d'attribution « toutes les compétences », que se passe-t-il si une seule compétence n'atteint pas le score minimum ?",
    choices: [
      { id: 'a', label: 'La certification est délivrée si la moyenne générale est suffisante' },
      { id: 'b', label: "La certification n'est pas délivrée" },
      { id: 'c', label: 'Seul le bloc concerné est refusé, les autres sont validés' },
      { id: 'd', label: 'Le jury compense avec la meilleure compétence du candidat' },
    ],
    correct: 'b',
    explanation:
      "Cette règle n'admet ni compensation ni validation partielle : chaque compétence doit atteindre son score minimum.",
  },
  {
    competence: 'C12',
    kind: 'TRUE_FALSE',
    prompt: 'Le formateur qui a accompagné un candidat peut siéger dans le jury qui évalue ce candidat.',
    choices: TRUE_FALSE,
    correct: 'false',
    explanation:
      "Le jury doit être indépendant : ni formateur du candidat, ni salarié du certificateur, et chaque juré déclare ses conflits d'intérêts.",
  },
  {
    competence: 'C14',
    kind: 'SINGLE_CHOICE',
    prompt: "Parmi ces éléments, lequel figure obligatoirement dans la fiche d'une certification enregistrée ?",
    choices: [
      { id: 'a', label: "Les modalités d'évaluation" },
      { id: 'b', label: "Le chiffre d'affaires du certificateur" },
      { id: 'c', label: 'La liste nominative des titulaires' },
      { id: 'd', label: 'Les tarifs des organismes de formation' },
    ],
    correct: 'a',
    explanation:
      "La fiche publie le référentiel de compétences et les modalités d'évaluation ; les données nominatives et commerciales n'y figurent pas.",
  },
];

// ───────────────────────────── Candidates ─────────────────────────────

type Stage =
  | 'REGISTERED'
  | 'FILE_SUBMITTED'
  | 'FILE_SUBMITTED_LATE'
  | 'FILE_ACKNOWLEDGED'
  | 'SCHEDULED_TODAY'
  | 'SCHEDULED'
  | 'IN_EVALUATION'
  | 'DECIDED'
  | 'RESULT_PUBLISHED';

type FundingName = 'CPF' | 'SELF' | 'EMPLOYER' | 'OPCO' | 'FRANCE_TRAVAIL' | 'REGION' | 'OTHER';
type AccessRouteName =
  | 'INITIAL_TRAINING'
  | 'CONTINUING_TRAINING'
  | 'APPRENTICESHIP'
  | 'PROFESSIONALISATION'
  | 'VAE'
  | 'INDEPENDENT_CANDIDATE';

interface CandidateDef {
  n: number;
  partner: PartnerKey;
  cert: 'RS' | 'CQP';
  firstName: string;
  birthName: string;
  usageName?: string;
  sex?: 'M' | 'F';
  birthDate?: string;
  birthInseeCode?: string;
  birthPostalCode?: string;
  birthCity?: string;
  birthCountryCode?: string;
  cpfFileNumber?: string;
  phone?: string;
  stage: Stage;
  funding: FundingName;
  accessRoute: AccessRouteName;
  /** Competence codes that fall below their minimum. */
  failing?: string[];
  /** A competence on which the two jurors disagree widely (flagged in deliberation). */
  disagreement?: string;
  /** Slot index in its session. */
  slot?: number;
  note: string;
}

const CANDIDATES: CandidateDef[] = [
  // Formapro Conseil (Paris), RS5302
  {
    n: 1, partner: 'A', cert: 'RS', firstName: 'Léa', birthName: 'MARTIN',
    stage: 'REGISTERED', funding: 'OPCO', accessRoute: 'CONTINUING_TRAINING',
    note: 'inscription enregistrée, identité à compléter, dossier projet à déposer',
  },
  {
    n: 2, partner: 'A', cert: 'RS', firstName: 'Hugo', birthName: 'BERNARD', sex: 'M', birthDate: '1988-07-04',
    birthInseeCode: '69383', birthPostalCode: '69003', birthCity: 'Lyon', phone: '0612457801',
    stage: 'FILE_SUBMITTED', funding: 'EMPLOYER', accessRoute: 'CONTINUING_TRAINING',
    note: 'dossier projet déposé hier, accusé de réception attendu',
  },
  {
    n: 3, partner: 'A', cert: 'RS', firstName: 'Chloé', birthName: 'DUBOIS', sex: 'F', birthDate: '1991-11-23',
    birthInseeCode: '44109', birthPostalCode: '44000', birthCity: 'Nantes', cpfFileNumber: '20658741236',
    stage: 'FILE_ACKNOWLEDGED', funding: 'CPF', accessRoute: 'CONTINUING_TRAINING',
    note: "dossier accusé, créneau d'oral à choisir",
  },
  {
    n: 4, partner: 'A', cert: 'RS', firstName: 'Nicolas', birthName: 'PETIT', sex: 'M', birthDate: '1985-02-17',
    birthInseeCode: '59350', birthPostalCode: '59000', birthCity: 'Lille', phone: '0698213344',
    stage: 'SCHEDULED_TODAY', funding: 'OPCO', accessRoute: 'CONTINUING_TRAINING', slot: 1,
    note: "oral aujourd'hui, en salle d'attente du jury",
  },
  {
    n: 5, partner: 'A', cert: 'RS', firstName: 'Manon', birthName: 'ROBERT', sex: 'F', birthDate: '1996-09-30',
    birthInseeCode: '33063', birthPostalCode: '33000', birthCity: 'Bordeaux',
    stage: 'SCHEDULED', funding: 'FRANCE_TRAVAIL', accessRoute: 'CONTINUING_TRAINING', slot: 0,
    note: 'oral la semaine prochaine',
  },
  {
    n: 6, partner: 'A', cert: 'RS', firstName: 'Antoine', birthName: 'RICHARD', sex: 'M', birthDate: '1983-05-08',
    birthInseeCode: '31555', birthPostalCode: '31000', birthCity: 'Toulouse',
    stage: 'IN_EVALUATION', funding: 'EMPLOYER', accessRoute: 'CONTINUING_TRAINING', slot: 0,
    note: "oral passé aujourd'hui, délibération en cours",
  },
  {
    n: 7, partner: 'A', cert: 'RS', firstName: 'Sarah', birthName: 'DURAND', sex: 'F', birthDate: '1990-12-02',
    birthInseeCode: '35238', birthPostalCode: '35000', birthCity: 'Rennes',
    stage: 'DECIDED', funding: 'OPCO', accessRoute: 'CONTINUING_TRAINING', slot: 0,
    note: 'jury passé : certifiée, résultat à publier (délai dépassé)',
  },
  {
    n: 8, partner: 'A', cert: 'RS', firstName: 'Maxime', birthName: 'MOREAU', sex: 'M', birthDate: '1987-06-21',
    birthCity: 'Strasbourg', cpfFileNumber: '20741258963',
    stage: 'RESULT_PUBLISHED', funding: 'CPF', accessRoute: 'CONTINUING_TRAINING', slot: 1,
    note: 'certifié, résultat publié, passage CDC à transmettre (code de commune inconnu : identifié par son dossier CPF)',
  },
  {
    n: 9, partner: 'A', cert: 'RS', firstName: 'Inès', birthName: 'HADDAD', usageName: 'LAURENT', sex: 'F',
    birthDate: '1992-04-14', birthInseeCode: '99350', birthCity: 'Casablanca', birthCountryCode: '99350',
    stage: 'RESULT_PUBLISHED', funding: 'EMPLOYER', accessRoute: 'CONTINUING_TRAINING', slot: 2,
    disagreement: 'C10',
    note: 'certifiée (née à l’étranger), résultat publié, passage CDC à transmettre',
  },
  {
    n: 10, partner: 'A', cert: 'RS', firstName: 'Pierre', birthName: 'SIMON', sex: 'M', birthDate: '1979-10-11',
    birthCity: 'Dijon',
    stage: 'RESULT_PUBLISHED', funding: 'SELF', accessRoute: 'INDEPENDENT_CANDIDATE', slot: 3,
    note: 'certifié, résultat publié, passage CDC bloqué (code de commune de naissance manquant, pas de dossier CPF)',
  },
  // Atelier Compétences (Lyon), RS5302 then CQP
  {
    n: 11, partner: 'B', cert: 'RS', firstName: 'Emma', birthName: 'MICHEL',
    stage: 'REGISTERED', funding: 'OPCO', accessRoute: 'CONTINUING_TRAINING',
    note: 'inscription enregistrée, identité à compléter, dossier projet à déposer',
  },
  {
    n: 12, partner: 'B', cert: 'RS', firstName: 'Lucas', birthName: 'LEFEBVRE', sex: 'M', birthDate: '1993-01-27',
    birthInseeCode: '38185', birthPostalCode: '38000', birthCity: 'Grenoble',
    stage: 'FILE_SUBMITTED_LATE', funding: 'EMPLOYER', accessRoute: 'CONTINUING_TRAINING',
    note: 'dossier déposé il y a 8 jours : accusé de réception en retard ; réclamation déposée',
  },
  {
    n: 13, partner: 'B', cert: 'RS', firstName: 'Clara', birthName: 'LEROY', sex: 'F', birthDate: '1989-08-09',
    birthInseeCode: '42218', birthPostalCode: '42000', birthCity: 'Saint-Étienne',
    stage: 'FILE_ACKNOWLEDGED', funding: 'OPCO', accessRoute: 'CONTINUING_TRAINING',
    note: "dossier déposé en deux versions et accusé, créneau d'oral à choisir",
  },
  {
    n: 14, partner: 'B', cert: 'RS', firstName: 'Mathieu', birthName: 'ROUX', sex: 'M', birthDate: '1986-03-03',
    birthInseeCode: '69266', birthPostalCode: '69100', birthCity: 'Villeurbanne',
    stage: 'SCHEDULED', funding: 'EMPLOYER', accessRoute: 'CONTINUING_TRAINING', slot: 1,
    note: "oral la semaine prochaine (conflit d'intérêts déclaré par juror5)",
  },
  {
    n: 15, partner: 'B', cert: 'RS', firstName: 'Zoé', birthName: 'FOURNIER', sex: 'F', birthDate: '1995-05-19',
    birthInseeCode: '74010', birthPostalCode: '74000', birthCity: 'Annecy',
    stage: 'SCHEDULED', funding: 'REGION', accessRoute: 'CONTINUING_TRAINING', slot: 3,
    note: 'oral la semaine prochaine, aménagement : 10 minutes supplémentaires',
  },
  {
    n: 16, partner: 'B', cert: 'RS', firstName: 'Alexandre', birthName: 'MOREL', sex: 'M', birthDate: '1984-09-15',
    birthInseeCode: '63113', birthPostalCode: '63000', birthCity: 'Clermont-Ferrand',
    stage: 'RESULT_PUBLISHED', funding: 'OPCO', accessRoute: 'CONTINUING_TRAINING', slot: 4,
    failing: ['C7', 'C10', 'C16'],
    note: 'non certifié, résultat publié, contestation déposée',
  },
  {
    n: 17, partner: 'B', cert: 'RS', firstName: 'Julie', birthName: 'FONTAINE', sex: 'F', birthDate: '1990-02-28',
    birthInseeCode: '73065', birthPostalCode: '73000', birthCity: 'Chambéry',
    stage: 'RESULT_PUBLISHED', funding: 'EMPLOYER', accessRoute: 'CONTINUING_TRAINING', slot: 5,
    note: 'certifiée, résultat publié, passage CDC à transmettre',
  },
  {
    n: 18, partner: 'B', cert: 'CQP', firstName: 'Kévin', birthName: 'GARNIER', sex: 'M', birthDate: '1998-11-06',
    birthInseeCode: '42207', birthPostalCode: '42400', birthCity: 'Saint-Chamond',
    stage: 'RESULT_PUBLISHED', funding: 'OPCO', accessRoute: 'PROFESSIONALISATION', slot: 0,
    failing: ['C6', 'C7'],
    note: 'CQP validé partiellement (blocs 1 et 2), parcours de formation pour le bloc 3',
  },
  {
    n: 19, partner: 'B', cert: 'CQP', firstName: 'Yasmine', birthName: 'CHEVALIER', sex: 'F', birthDate: '1997-07-22',
    birthInseeCode: '69259', birthPostalCode: '69200', birthCity: 'Vénissieux', cpfFileNumber: '20869314752',
    stage: 'RESULT_PUBLISHED', funding: 'CPF', accessRoute: 'PROFESSIONALISATION', slot: 1,
    note: 'CQP obtenu (3 blocs)',
  },
  {
    n: 20, partner: 'B', cert: 'CQP', firstName: 'Romain', birthName: 'FAURE', sex: 'M', birthDate: '1980-04-01',
    birthInseeCode: '42187', birthPostalCode: '42300', birthCity: 'Roanne',
    stage: 'REGISTERED', funding: 'SELF', accessRoute: 'VAE',
    note: 'CQP par la VAE : inscription enregistrée, expériences déclarées',
  },
];

const candidateId = (n: number) => demoId(`candidate:${n}`);
const candidateUserId = (n: number) => demoId(`user:candidate${n}`);
const candidateEmail = (n: number) => `candidate${String(n).padStart(2, '0')}@${MAIL_DOMAIN}`;
const attemptId = (n: number) => demoId(`attempt:${n}`);
const candidateName = (c: CandidateDef) => `${c.firstName} ${capitalise(c.usageName ?? c.birthName)}`;

function capitalise(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}

/** The conflict of interest juror5 declares. */
const CONFLICT_CANDIDATE = 14;

// ───────────────────────────── Logins ─────────────────────────────

function demoLogins(): DemoLogins {
  const logins: DemoLogins = [
    { role: 'ADMIN', email: ADMIN.email, note: `${ADMIN.displayName}, administratrice de l'organisme certificateur` },
  ];
  for (const key of ['A', 'B'] as const) {
    const partner = PARTNERS[key];
    logins.push({ role: 'PARTNER', email: partner.user.email, note: `${partner.user.displayName}, partenaire ${partner.name}` });
  }
  for (const juror of JURORS) {
    logins.push({ role: 'JUROR', email: jurorEmail(juror.n), note: `${juror.displayName}, ${juror.note}` });
  }
  for (const c of CANDIDATES) {
    const code = c.cert === 'RS' ? 'RS5302' : 'CQP0042';
    logins.push({
      role: 'CANDIDATE',
      email: candidateEmail(c.n),
      note: `${candidateName(c)} (${PARTNERS[c.partner].shortName}, ${code}) : ${c.note}`,
    });
  }
  logins.push(QUESTIONNAIRE_DEMO_LOGIN);
  logins.push(CANDIDATE_JOURNEY_DEMO_LOGIN);
  logins.push(...CLEA_DEMO_LOGINS);
  logins.push(...VAE_DEMO_LOGINS);
  return logins;
}

export function formatLogins(logins: DemoLogins): string {
  const header = { role: 'Rôle', email: 'E-mail', password: 'Mot de passe', note: 'Note' };
  const rows = logins.map((login) => ({ ...login, password: DEMO_PASSWORD }));
  const roleWidth = Math.max(header.role.length, ...rows.map((row) => row.role.length));
  const emailWidth = Math.max(header.email.length, ...rows.map((row) => row.email.length));
  const passwordWidth = Math.max(header.password.length, DEMO_PASSWORD.length);
  const line = (role: string, email: string, password: string, note: string) =>
    `${role.padEnd(roleWidth)}  ${email.padEnd(emailWidth)}  ${password.padEnd(passwordWidth)}  ${note}`.trimEnd();
  return [
    `Comptes de démonstration (mot de passe commun : ${DEMO_PASSWORD})`,
    line(header.role, header.email, header.password, header.note),
    line('-'.repeat(roleWidth), '-'.repeat(emailWidth), '-'.repeat(passwordWidth), '----'),
    ...rows.map((row) => line(row.role, row.email, row.password, row.note)),
  ].join('\n');
}

// ───────────────────────────── Seeding ─────────────────────────────

export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.certifier.count()) === 0;
}

/** Loads the demo data unless a certifier already exists; returns the demo logins either way. */
/** `certificates`: the secret and public URL to sign the demo's certificates with (none without them). */
export async function seedDemoData(prisma: PrismaClient, now: Date = new Date(), certificates?: DemoCertificateSigning): Promise<DemoLogins> {
  const logins = demoLogins();
  if (!(await isDatabaseEmpty(prisma))) return logins;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(
    async (tx) => {
      // Two processes starting at once on an empty PostgreSQL database: the lock makes the second wait,
      // then the re-check sees the first one's data and it seeds nothing.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(72736003)`;
      if ((await tx.certifier.count()) > 0) return;
      await writeDemoData(tx, buildDemoData(now, passwordHash));
      await seedStatisticsDemo(tx, now);
      await seedComplaintDemo(tx, now);
      await seedCertificateDemo(tx, certificates);
      await seedAppealDemo(tx);
      await seedNotificationDemo(tx);
      await seedQuestionnaireDemo(tx, now);
      await seedCandidateJourneyDemo(tx, now);
      await seedCleaDemo(tx, now);
      await seedVaeDemo(tx, now);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return logins;
}

interface CompetenceRow {
  id: string;
  code: string;
  title: string;
  blockCode: string;
  modality: ModalityName;
  minimumScore: number;
  criteria: { id: string; code: string }[];
}

interface CertificationRef {
  key: 'RS' | 'CQP';
  id: string;
  code: string;
  title: string;
  registry: 'RS' | 'CQP';
  rule: 'ALL_COMPETENCES' | 'BY_BLOCK';
  ruleVersion: string;
  aggregationMethod: 'MEAN' | 'CONSENSUS';
  disagreementThreshold: number;
  frameworkVersionId: string;
  scaleMin: number;
  scaleMax: number;
  blocks: BlockDef[];
  competences: CompetenceRow[];
}

/** Every row of the demo, grouped by table, in insertion order. */
interface DemoData {
  certifier: Prisma.CertifierCreateManyInput;
  partners: Prisma.PartnerCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  jurorProfiles: Prisma.JurorProfileCreateManyInput[];
  trainerLinks: Prisma.TrainerLinkCreateManyInput[];
  certifications: Prisma.CertificationCreateManyInput[];
  frameworkVersions: Prisma.FrameworkVersionCreateManyInput[];
  blocks: Prisma.BlockCreateManyInput[];
  competences: Prisma.CompetenceCreateManyInput[];
  criteria: Prisma.CriterionCreateManyInput[];
  quizQuestions: Prisma.QuizQuestionCreateManyInput[];
  candidates: Prisma.CandidateCreateManyInput[];
  conflicts: Prisma.ConflictDeclarationCreateManyInput[];
  accommodations: Prisma.AccommodationCreateManyInput[];
  attempts: Prisma.AttemptCreateManyInput[];
  experiencePeriods: Prisma.ExperiencePeriodCreateManyInput[];
  storedFiles: Prisma.StoredFileCreateManyInput[];
  projectFiles: Prisma.ProjectFileCreateManyInput[];
  examSessions: Prisma.ExamSessionCreateManyInput[];
  slots: Prisma.SlotCreateManyInput[];
  juries: Prisma.JuryCreateManyInput[];
  juryMembers: Prisma.JuryMemberCreateManyInput[];
  bookings: Prisma.BookingCreateManyInput[];
  orals: Prisma.OralCreateManyInput[];
  scores: Prisma.ScoreCreateManyInput[];
  agreedScores: Prisma.AgreedScoreCreateManyInput[];
  decisions: Prisma.DecisionCreateManyInput[];
  minutes: Prisma.MinutesCreateManyInput[];
  signatures: Prisma.MinutesSignatureCreateManyInput[];
  results: Prisma.ResultCreateManyInput[];
  acquiredBlocks: Prisma.AcquiredBlockCreateManyInput[];
  cdcPassages: Prisma.CdcPassageCreateManyInput[];
  trainingPaths: Prisma.TrainingPathCreateManyInput[];
  feedback: Prisma.FeedbackCreateManyInput[];
  appeals: Prisma.AppealCreateManyInput[];
  complaints: Prisma.ComplaintCreateManyInput[];
}

/** Pure: computes every row from the base date. */
function buildDemoData(now: Date, passwordHash: string): DemoData {
  const data: DemoData = {
    certifier: { ...CERTIFIER, createdAt: onDay(now, -180, 9) },
    partners: [],
    users: [],
    jurorProfiles: [],
    trainerLinks: [],
    certifications: [],
    frameworkVersions: [],
    blocks: [],
    competences: [],
    criteria: [],
    quizQuestions: [],
    candidates: [],
    conflicts: [],
    accommodations: [],
    attempts: [],
    experiencePeriods: [],
    storedFiles: [],
    projectFiles: [],
    examSessions: [],
    slots: [],
    juries: [],
    juryMembers: [],
    bookings: [],
    orals: [],
    scores: [],
    agreedScores: [],
    decisions: [],
    minutes: [],
    signatures: [],
    results: [],
    acquiredBlocks: [],
    cdcPassages: [],
    trainingPaths: [],
    feedback: [],
    appeals: [],
    complaints: [],
  };
  const certifierId = CERTIFIER.id;
  const setupAt = onDay(now, -180, 10);

  // People
  data.users.push({
    id: ADMIN.id,
    certifierId,
    email: ADMIN.email,
    passwordHash,
    role: 'ADMIN',
    displayName: ADMIN.displayName,
    createdAt: setupAt,
  });
  for (const key of ['A', 'B'] as const) {
    const p = PARTNERS[key];
    data.partners.push({
      id: p.id,
      certifierId,
      name: p.name,
      siret: p.siret,
      declarationNumber: p.declarationNumber,
      contactEmail: p.contactEmail,
      createdAt: setupAt,
    });
    data.users.push({
      id: demoId(`user:partner${key}`),
      certifierId,
      email: p.user.email,
      passwordHash,
      role: 'PARTNER',
      displayName: p.user.displayName,
      partnerId: p.id,
      createdAt: setupAt,
    });
  }
  const partnerUserId = (key: PartnerKey) => demoId(`user:partner${key}`);
  for (const juror of JURORS) {
    data.users.push({
      id: jurorId(juror.n),
      certifierId,
      email: jurorEmail(juror.n),
      passwordHash,
      role: 'JUROR',
      displayName: juror.displayName,
      createdAt: setupAt,
    });
    data.jurorProfiles.push({
      userId: jurorId(juror.n),
      profession: juror.profession,
      employer: juror.employer,
      isCertifierEmployee: false,
    });
  }
  data.trainerLinks.push({
    id: demoId('trainer-link:juror6:A'),
    jurorId: jurorId(6),
    partnerId: PARTNERS.A.id,
    since: dateOnly(`${now.getFullYear() - 2}-09-01`),
  });

  // Certifications and frameworks
  const certs = {
    RS: addCertification(data, now, {
      key: 'RS',
      code: 'RS5302',
      title: "Conduire un projet d'ingénierie de certification professionnelle",
      registry: 'RS',
      rule: 'ALL_COMPETENCES',
      ruleVersion: 'all-competences@1',
      aggregationMethod: 'MEAN',
      oral: [30, 15, 15],
      blocks: RS5302_BLOCKS,
    }),
    CQP: addCertification(data, now, {
      key: 'CQP',
      code: 'CQP0042',
      title: 'CQP Technicien(ne) de maintenance industrielle',
      registry: 'CQP',
      rule: 'BY_BLOCK',
      ruleVersion: 'by-block@1',
      aggregationMethod: 'CONSENSUS',
      oral: [45, 15, 30],
      blocks: CQP_BLOCKS,
    }),
  };
  RS5302_QUIZ.forEach((q, index) => {
    const competence = certs.RS.competences.find((c) => c.code === q.competence)!;
    data.quizQuestions.push({
      id: demoId(`quiz:RS5302:${index + 1}`),
      frameworkVersionId: certs.RS.frameworkVersionId,
      competenceId: competence.id,
      kind: q.kind,
      prompt: q.prompt,
      choices: q.choices,
      correctAnswer: q.correct,
      explanation: q.explanation,
      createdAt: onDay(now, -150, 10),
    });
  });

  // Sessions and juries. The "today" session holds the live room; the next one has free slots to book.
  // Monday-based weeks: the Tuesday of next week, and the Tuesday and Thursday three weeks ago.
  const mondayOffset = -((now.getDay() + 6) % 7);
  const nextTuesday = onDay(now, mondayOffset + 8);
  const pastTuesday = onDay(now, mondayOffset - 20);
  const pastThursday = onDay(now, mondayOffset - 18);

  const todayWaitingAt = (() => {
    const d = new Date(now);
    d.setMinutes(0, 0, 0);
    d.setHours(d.getHours() + 1);
    return d.getDate() === now.getDate() ? d : onDay(now, 0, 23, 30);
  })();
  const inEvaluationAt = new Date(Math.max(addMinutes(todayWaitingAt, -120).getTime(), onDay(now, 0).getTime()));

  const rsToday = addSession(data, {
    key: 'rs-today',
    certificationId: certs.RS.id,
    title: `Session RS5302 du ${dayMonth(now)}`,
    mode: 'REMOTE',
    remoteLink: 'https://visio.demo.certijury.fr/rs5302-oraux-du-jour',
    slotTimes: [inEvaluationAt, todayWaitingAt],
    duration: 30,
    createdAt: onDay(now, -30, 11),
    jury: {
      name: `Jury RS5302 — oraux du ${dayMonth(now)}`,
      members: [
        [1, 'PRESIDENT'],
        [2, 'MEMBER'],
        [3, 'MEMBER'],
      ],
    },
  });
  const rsNext = addSession(data, {
    key: 'rs-next',
    certificationId: certs.RS.id,
    title: `Session ${ofMonth(nextTuesday)}`,
    mode: 'MIXED',
    place: 'Certijury Démo — 18 rue de la Villette, 69003 Lyon, salle Confluence',
    remoteLink: 'https://visio.demo.certijury.fr/rs5302-session',
    slotTimes: [[9, 0], [9, 45], [10, 30], [11, 15], [14, 0], [14, 45]].map(([h, m]) => onDay(nextTuesday, 0, h, m)),
    // 45-minute slots: room for the 30-minute oral plus accommodation extra time (candidate 15 has 10 minutes).
    duration: 45,
    createdAt: onDay(now, -40, 11),
    jury: {
      name: `Jury RS5302 — ${MONTHS[nextTuesday.getMonth()]}`,
      members: [
        [1, 'PRESIDENT'],
        [2, 'MEMBER'],
        [3, 'MEMBER'],
      ],
    },
  });
  const rsPast = addSession(data, {
    key: 'rs-past',
    certificationId: certs.RS.id,
    title: `Session ${ofMonth(pastTuesday)}`,
    mode: 'MIXED',
    place: 'Certijury Démo — 18 rue de la Villette, 69003 Lyon, salle Confluence',
    remoteLink: 'https://visio.demo.certijury.fr/rs5302-session-passee',
    slotTimes: [[9, 0], [9, 45], [10, 30], [11, 15], [14, 0], [14, 45]].map(([h, m]) => onDay(pastTuesday, 0, h, m)),
    duration: 30,
    createdAt: onDay(now, -75, 11),
    jury: {
      name: `Jury RS5302 — ${MONTHS[pastTuesday.getMonth()]}`,
      members: [
        [1, 'PRESIDENT'],
        [4, 'MEMBER'],
      ],
    },
  });
  const cqpPast = addSession(data, {
    key: 'cqp-past',
    certificationId: certs.CQP.id,
    title: `Session CQP0042 ${ofMonth(pastThursday)}`,
    mode: 'ON_SITE',
    place: 'Atelier Compétences — plateau technique, 27 avenue Jean Jaurès, 69200 Vénissieux',
    slotTimes: [onDay(pastThursday, 0, 9, 0), onDay(pastThursday, 0, 10, 0)],
    duration: 45,
    createdAt: onDay(now, -80, 11),
    jury: {
      name: `Jury paritaire national CQP0042 — ${MONTHS[pastThursday.getMonth()]}`,
      members: [
        [4, 'PRESIDENT', 'EMPLOYER'],
        [5, 'MEMBER', 'EMPLOYEE'],
      ],
    },
  });

  // Candidates and their attempts
  for (const c of CANDIDATES) {
    const partner = PARTNERS[c.partner];
    const cert = certs[c.cert];
    const id = candidateId(c.n);
    const userId = candidateUserId(c.n);
    const createdAt = onDay(now, registeredDaysAgo(c), 10, c.n);
    const partnerSeq = CANDIDATES.filter((x) => x.partner === c.partner && x.n <= c.n).length;
    data.users.push({
      id: userId,
      certifierId,
      email: candidateEmail(c.n),
      passwordHash,
      role: 'CANDIDATE',
      displayName: candidateName(c),
      createdAt,
    });
    data.candidates.push({
      id,
      partnerId: partner.id,
      fileNumber: `${partner.prefix}-${now.getFullYear()}-${String(partnerSeq).padStart(4, '0')}`,
      userId,
      email: candidateEmail(c.n),
      birthName: c.birthName,
      usageName: c.usageName ?? null,
      firstName: c.firstName,
      birthDate: c.birthDate ? dateOnly(c.birthDate) : null,
      sex: c.sex ?? null,
      birthInseeCode: c.birthInseeCode ?? null,
      birthPostalCode: c.birthPostalCode ?? null,
      birthCity: c.birthCity ?? null,
      birthCountryCode: c.birthCountryCode ?? null,
      cpfFileNumber: c.cpfFileNumber ?? null,
      phone: c.phone ?? null,
      createdAt,
    });
    const state = c.stage === 'FILE_SUBMITTED_LATE' ? 'FILE_SUBMITTED' : c.stage === 'SCHEDULED_TODAY' ? 'SCHEDULED' : c.stage;
    data.attempts.push({
      id: attemptId(c.n),
      candidateId: id,
      certificationId: cert.id,
      frameworkVersionId: cert.frameworkVersionId,
      state,
      accessRoute: c.accessRoute,
      funding: c.funding,
      blockCodesInScope: [],
      registeredById: partnerUserId(c.partner),
      createdAt,
    });
  }

  // Disability accommodation, conflict of interest, VAE experience
  data.accommodations.push({
    candidateId: candidateId(15),
    kinds: ['EXTRA_TIME'],
    extraTimeMinutes: 10,
    notes:
      "Temps majoré sur avis du médecin désigné par la MDPH : 5 minutes de plus pour la présentation et 5 pour les questions. Prévoir des pauses si la candidate le demande.",
    recordedById: ADMIN.id,
  });
  data.conflicts.push({
    id: demoId('conflict:juror5:candidate14'),
    jurorId: jurorId(5),
    candidateId: candidateId(CONFLICT_CANDIDATE),
    reason: 'Ancien collègue direct chez Plasturgie du Val (2019–2022).',
    declaredAt: onDay(now, -20, 17, 40),
  });
  data.experiencePeriods.push(
    {
      id: demoId('experience:20:1'),
      attemptId: attemptId(20),
      employer: 'Roannaise de mécanique SAS',
      jobTitle: 'Agent de maintenance industrielle',
      startDate: dateOnly('2012-03-01'),
      endDate: dateOnly('2018-08-31'),
    },
    {
      id: demoId('experience:20:2'),
      attemptId: attemptId(20),
      employer: 'Textiles du Forez',
      jobTitle: 'Technicien de maintenance polyvalent',
      startDate: dateOnly('2018-09-01'),
      endDate: dateOnly(`${now.getFullYear()}-06-30`),
    },
  );

  // Project files (RS5302 only: the CQP is assessed on the shop floor)
  for (const c of CANDIDATES) {
    if (c.cert !== 'RS' || c.stage === 'REGISTERED') continue;
    const timeline = fileTimeline(c);
    const versions = c.n === 13 ? [timeline.submitted - 6, timeline.submitted] : [timeline.submitted];
    versions.forEach((daysAgo, index) => {
      const version = index + 1;
      const last = version === versions.length;
      const submittedAt = onDay(now, daysAgo, 9 + (c.n % 8), 15);
      const fileHash = sha256(`demo-project-file:${c.n}:${version}`);
      const fileId = demoId(`file:${c.n}:${version}`);
      data.storedFiles.push({
        id: fileId,
        storageKey: `demo/${fileHash}`,
        filename: `Dossier_professionnel_${capitalise(c.usageName ?? c.birthName).replace(/\s/g, '_')}_${c.firstName}${version > 1 ? `_v${version}` : ''}.pdf`,
        mimeType: 'application/pdf',
        size: 846_000 + c.n * 37_129 + version * 12_011,
        sha256: fileHash,
        uploadedById: candidateUserId(c.n),
        createdAt: submittedAt,
      });
      // An earlier version was acknowledged two days after its upload, before the candidate replaced it.
      const acknowledgedDay = last ? timeline.acknowledged : daysAgo + 2;
      const acknowledged = acknowledgedDay !== null;
      data.projectFiles.push({
        id: demoId(`project-file:${c.n}:${version}`),
        attemptId: attemptId(c.n),
        version,
        fileId,
        submittedAt,
        acknowledgeBy: addDays(submittedAt, 5),
        acknowledgedAt: acknowledged ? onDay(now, acknowledgedDay, 16, 30) : null,
        acknowledgedById: acknowledged ? ADMIN.id : null,
      });
    });
  }

  // Orals
  for (const c of CANDIDATES) {
    const cert = certs[c.cert];
    const session =
      c.stage === 'SCHEDULED_TODAY' || c.stage === 'IN_EVALUATION'
        ? rsToday
        : c.stage === 'SCHEDULED'
          ? rsNext
          : c.stage === 'DECIDED' || c.stage === 'RESULT_PUBLISHED'
            ? c.cert === 'RS'
              ? rsPast
              : cqpPast
            : null;
    if (!session || c.slot === undefined) continue;
    const slot = session.slots[c.slot];
    slot.bookedCount = (slot.bookedCount ?? 0) + 1;
    const bookedAt = session === rsToday || session === rsNext ? onDay(now, -12, 20, c.n) : addDays(slot.startsAt as Date, -21);
    data.bookings.push({
      id: demoId(`booking:${c.n}`),
      slotId: slot.id!,
      attemptId: attemptId(c.n),
      forAttemptId: attemptId(c.n),
      createdAt: bookedAt,
    });
    const oralId = demoId(`oral:${c.n}`);
    const scheduledAt = slot.startsAt as Date;
    const extraTimeMinutes = c.n === 15 ? 10 : 0;
    const jurors = session.members.map(([n]) => n);
    const president = session.members.find(([, role]) => role === 'PRESIDENT')![0];

    if (c.stage === 'SCHEDULED' || c.stage === 'SCHEDULED_TODAY') {
      data.orals.push({
        id: oralId,
        attemptId: attemptId(c.n),
        juryId: session.juryId,
        slotId: slot.id,
        scheduledAt,
        phase: 'WAITING',
        extraTimeMinutes,
        createdAt: bookedAt,
      });
      continue;
    }

    const graded = gradeOral(c, cert, jurors);
    const endOfOral = addMinutes(scheduledAt, session.duration + 2 + extraTimeMinutes);
    for (const score of graded.scores) {
      data.scores.push({
        id: demoId(`score:${c.n}:${score.juror}:${score.criterionId}`),
        oralId,
        jurorId: jurorId(score.juror),
        criterionId: score.criterionId,
        value: score.value,
        comment: score.comment,
        updatedAt: addMinutes(scheduledAt, 25),
      });
    }

    if (c.stage === 'IN_EVALUATION') {
      data.orals.push({
        id: oralId,
        attemptId: attemptId(c.n),
        juryId: session.juryId,
        slotId: slot.id,
        scheduledAt,
        phase: 'DELIBERATION',
        phaseStartedAt: endOfOral,
        identityCheckedAt: addMinutes(scheduledAt, 1),
        identityDocumentType: 'NATIONAL_ID_CARD',
        version: 5,
        createdAt: bookedAt,
      });
      continue;
    }

    // Decided orals: agreed scores, decision, signed minutes, result.
    const decidedAt = addMinutes(endOfOral, 12);
    const signedAt = addMinutes(decidedAt, 8);
    const juryDate = onDay(scheduledAt, 0, 12);
    data.orals.push({
      id: oralId,
      attemptId: attemptId(c.n),
      juryId: session.juryId,
      slotId: slot.id,
      scheduledAt,
      phase: 'SIGNED',
      phaseStartedAt: signedAt,
      extraTimeMinutes,
      identityCheckedAt: addMinutes(scheduledAt, 1),
      identityDocumentType: c.n % 3 === 0 ? 'PASSPORT' : 'NATIONAL_ID_CARD',
      lockedAt: signedAt,
      version: 9,
      createdAt: bookedAt,
    });
    for (const agreed of graded.agreed) {
      data.agreedScores.push({
        id: demoId(`agreed:${c.n}:${agreed.competence.code}`),
        oralId,
        competenceId: agreed.competence.id,
        aggregationMethod: cert.aggregationMethod,
        aggregateValue: agreed.aggregateValue,
        spread: agreed.spread,
        flagged: agreed.flagged,
        agreedValue: agreed.agreedValue,
        justification: agreed.justification,
        setById: jurorId(president),
        updatedAt: decidedAt,
      });
    }
    const decisionId = demoId(`decision:${c.n}`);
    data.decisions.push({
      id: decisionId,
      attemptId: attemptId(c.n),
      oralId,
      frameworkVersionId: cert.frameworkVersionId,
      rule: cert.rule,
      ruleVersion: cert.ruleVersion,
      outcome: graded.outcome,
      details: graded.details,
      validatedBlockCodes: graded.validatedBlockCodes,
      juryDate,
      decidedAt,
    });
    const minutesContent = {
      certification: { code: cert.code, title: cert.title, registry: cert.registry, frameworkVersion: 1 },
      candidate: {
        name: candidateName(c),
        fileNumber: data.candidates.find((x) => x.id === candidateId(c.n))!.fileNumber,
      },
      examSession: session.title,
      oral: { scheduledAt: scheduledAt.toISOString(), extraTimeMinutes },
      jury: session.members.map(([n, role]) => ({
        name: JURORS[n - 1].displayName,
        role,
      })),
      identityChecked: true,
      fraudReported: false,
      aggregationMethod: cert.aggregationMethod,
      competences: graded.agreed.map((a) => ({
        code: a.competence.code,
        blockCode: a.competence.blockCode,
        aggregateValue: a.aggregateValue,
        spread: a.spread,
        flagged: a.flagged,
        agreedValue: a.agreedValue,
        minimumScore: a.competence.minimumScore,
        validated: a.agreedValue >= a.competence.minimumScore,
      })),
      decision: {
        rule: cert.rule,
        ruleVersion: cert.ruleVersion,
        outcome: graded.outcome,
        validatedBlockCodes: graded.validatedBlockCodes,
        explanation: graded.explanation,
      },
      juryDate: juryDate.toISOString().slice(0, 10),
    };
    const contentHash = sha256(JSON.stringify(minutesContent));
    const minutesId = demoId(`minutes:${c.n}`);
    data.minutes.push({
      id: minutesId,
      oralId,
      content: minutesContent,
      contentHash,
      generatedAt: addMinutes(decidedAt, 1),
      lockedAt: signedAt,
    });
    jurors.forEach((n, index) => {
      data.signatures.push({
        id: demoId(`signature:${c.n}:${n}`),
        minutesId,
        jurorId: jurorId(n),
        contentHash,
        signedAt: addMinutes(decidedAt, 3 + index * 5),
      });
    });
    const published = c.stage === 'RESULT_PUBLISHED';
    const publishedAt = addDays(onDay(scheduledAt, 0, 17, 0), 4);
    data.results.push({
      id: demoId(`result:${c.n}`),
      attemptId: attemptId(c.n),
      decisionId,
      publishBy: addDays(scheduledAt, 10),
      publishedAt: published ? publishedAt : null,
      publishedById: published ? ADMIN.id : null,
    });
    if (cert.rule === 'BY_BLOCK') {
      for (const blockCode of graded.validatedBlockCodes) {
        data.acquiredBlocks.push({
          id: demoId(`acquired:${c.n}:${blockCode}`),
          candidateId: candidateId(c.n),
          certificationId: cert.id,
          blockCode,
          acquiredAt: juryDate,
          decisionId,
        });
      }
      const missing = cert.blocks.map((b) => b.code).filter((code) => !graded.validatedBlockCodes.includes(code));
      if (missing.length > 0 && graded.validatedBlockCodes.length > 0) {
        data.trainingPaths.push({
          id: demoId(`training-path:${c.n}`),
          attemptId: attemptId(c.n),
          partnerId: PARTNERS[c.partner].id,
          blockCodes: missing,
          notes:
            "Parcours complémentaire de 35 heures sur l'analyse des pannes récurrentes et la GMAO, avant une nouvelle présentation du bloc manquant au prochain jury paritaire.",
          createdAt: addDays(publishedAt, 2),
        });
      }
    }
    // Certified RS5302 holders whose result is out wait for the CDC transmission (RS/RNCP only).
    if (published && graded.outcome === 'CERTIFIED' && cert.registry === 'RS') {
      data.cdcPassages.push({
        id: demoId(`cdc-passage:${c.n}`),
        attemptId: attemptId(c.n),
        idTechnique: idTechniqueFor(attemptId(c.n)),
        status: 'PENDING',
        juryDate,
        transmitBy: transmitByFor(juryDate),
      });
    }
    if (published && (c.n === 8 || c.n === 10 || c.n === 17)) {
      data.feedback.push({
        id: demoId(`feedback:${c.n}`),
        attemptId: attemptId(c.n),
        ratings: { information: 5, organisation: c.n === 17 ? 4 : 5, jury: 5, conditions: 4 },
        comment:
          c.n === 10
            ? 'Convocation claire et jury bienveillant. La visioconférence a coupé deux minutes mais le temps a été rattrapé.'
            : 'Très bon accueil, les attendus de la soutenance étaient bien expliqués en amont.',
        createdAt: addDays(publishedAt, 1),
      });
    }
    if (published && graded.outcome === 'NOT_CERTIFIED') {
      const submittedAt = addDays(publishedAt, 6);
      data.appeals.push({
        id: demoId(`appeal:${c.n}`),
        attemptId: attemptId(c.n),
        decisionId,
        state: 'SUBMITTED',
        statement:
          "Je conteste l'évaluation de la compétence C10 : le jury ne m'a pas laissé présenter la partie VAE de mon dispositif, faute de temps, alors qu'elle figure dans mon dossier professionnel (pages 18 à 22).",
        submittedAt,
        answerBy: addDays(submittedAt, 30),
      });
    }
  }

  const late = CANDIDATES.find((c) => c.stage === 'FILE_SUBMITTED_LATE')!;
  const complaintAt = onDay(now, -1, 11, 5);
  data.complaints.push({
    id: demoId(`complaint:${late.n}`),
    candidateId: candidateId(late.n),
    attemptId: attemptId(late.n),
    partnerId: PARTNERS[late.partner].id,
    subject: 'TRAINING',
    statement:
      "Les supports du module « Élaborer le dispositif de certification » n'ont jamais été déposés sur l'espace de formation, alors que j'en ai besoin pour finaliser mon dossier.",
    submittedAt: complaintAt,
    answerBy: addDays(complaintAt, 30),
  });

  return data;
}

/** Days (negative) between today and the candidate's registration. */
function registeredDaysAgo(c: CandidateDef): number {
  switch (c.stage) {
    case 'REGISTERED':
      return -(2 + c.n % 9);
    case 'FILE_SUBMITTED':
    case 'FILE_SUBMITTED_LATE':
      return -30;
    case 'FILE_ACKNOWLEDGED':
      return -38;
    case 'SCHEDULED':
    case 'SCHEDULED_TODAY':
      return -50;
    case 'IN_EVALUATION':
      return -55;
    default:
      return c.cert === 'CQP' ? -150 : -95;
  }
}

/** Submission and acknowledgment days (negative = days ago) of the last project file version. */
function fileTimeline(c: CandidateDef): { submitted: number; acknowledged: number | null } {
  switch (c.stage) {
    case 'FILE_SUBMITTED':
      return { submitted: -1, acknowledged: null };
    case 'FILE_SUBMITTED_LATE':
      return { submitted: -8, acknowledged: null };
    case 'FILE_ACKNOWLEDGED':
      return { submitted: -12, acknowledged: -10 };
    case 'SCHEDULED':
    case 'SCHEDULED_TODAY':
      return { submitted: -26, acknowledged: -23 };
    case 'IN_EVALUATION':
      return { submitted: -30, acknowledged: -27 };
    default:
      return { submitted: -50, acknowledged: -47 };
  }
}

interface CertificationSpec {
  key: 'RS' | 'CQP';
  code: string;
  title: string;
  registry: 'RS' | 'CQP';
  rule: 'ALL_COMPETENCES' | 'BY_BLOCK';
  ruleVersion: string;
  aggregationMethod: 'MEAN' | 'CONSENSUS';
  oral: [number, number, number];
  blocks: BlockDef[];
}

function addCertification(data: DemoData, now: Date, spec: CertificationSpec): CertificationRef {
  const id = demoId(`certification:${spec.code}`);
  const frameworkVersionId = demoId(`framework:${spec.code}:1`);
  const createdAt = onDay(now, -170, 14);
  data.certifications.push({
    id,
    certifierId: CERTIFIER.id,
    registry: spec.registry,
    code: spec.code,
    title: spec.title,
    decisionRule: spec.rule,
    aggregationMethod: spec.aggregationMethod,
    disagreementThreshold: 1,
    oralTotalMinutes: spec.oral[0],
    oralPresentationMinutes: spec.oral[1],
    oralQuestionsMinutes: spec.oral[2],
    minJurySize: 2,
    appealWindowDays: 30,
    createdAt,
  });
  data.frameworkVersions.push({
    id: frameworkVersionId,
    certificationId: id,
    version: 1,
    status: 'PUBLISHED',
    scaleMin: 0,
    scaleMax: 4,
    scaleLabels: SCALE_LABELS,
    publishedAt: onDay(now, -160, 10),
    createdAt,
  });
  const competences: CompetenceRow[] = [];
  let competencePosition = 0;
  spec.blocks.forEach((block, blockIndex) => {
    const blockId = demoId(`block:${spec.code}:1:${block.code}`);
    data.blocks.push({ id: blockId, frameworkVersionId, code: block.code, title: block.title, position: blockIndex + 1 });
    for (const competence of block.competences) {
      competencePosition += 1;
      const competenceId = demoId(`competence:${spec.code}:1:${competence.code}`);
      data.competences.push({
        id: competenceId,
        frameworkVersionId,
        blockId,
        code: competence.code,
        title: competence.title,
        position: competencePosition,
        modality: competence.modality,
        minimumScore: competence.minimumScore,
      });
      const criteria = competence.criteria.map((description, index) => {
        const code = `${competence.code}.${index + 1}`;
        const criterionId = demoId(`criterion:${spec.code}:1:${code}`);
        data.criteria.push({ id: criterionId, competenceId, code, description, position: index + 1 });
        return { id: criterionId, code };
      });
      competences.push({
        id: competenceId,
        code: competence.code,
        title: competence.title,
        blockCode: block.code,
        modality: competence.modality,
        minimumScore: competence.minimumScore,
        criteria,
      });
    }
  });
  return {
    key: spec.key,
    id,
    code: spec.code,
    title: spec.title,
    registry: spec.registry,
    rule: spec.rule,
    ruleVersion: spec.ruleVersion,
    aggregationMethod: spec.aggregationMethod,
    disagreementThreshold: 1,
    frameworkVersionId,
    scaleMin: 0,
    scaleMax: 4,
    blocks: spec.blocks,
    competences,
  };
}

type Member = [juror: number, role: 'PRESIDENT' | 'MEMBER', representation?: 'EMPLOYER' | 'EMPLOYEE' | 'QUALIFIED_PERSON'];

interface SessionSpec {
  key: string;
  certificationId: string;
  title: string;
  mode: 'REMOTE' | 'ON_SITE' | 'MIXED';
  place?: string;
  remoteLink?: string;
  slotTimes: Date[];
  duration: number;
  createdAt: Date;
  jury: { name: string; members: Member[] };
}

interface SessionRef {
  title: string;
  duration: number;
  juryId: string;
  members: Member[];
  slots: Prisma.SlotCreateManyInput[];
}

function addSession(data: DemoData, spec: SessionSpec): SessionRef {
  const sessionId = demoId(`session:${spec.key}`);
  const juryId = demoId(`jury:${spec.key}`);
  const first = spec.slotTimes[0];
  const last = spec.slotTimes[spec.slotTimes.length - 1];
  data.examSessions.push({
    id: sessionId,
    certificationId: spec.certificationId,
    title: spec.title,
    startsAt: first,
    endsAt: addMinutes(last, spec.duration + 15),
    mode: spec.mode,
    place: spec.place ?? null,
    remoteLink: spec.remoteLink ?? null,
    createdAt: spec.createdAt,
  });
  const slots = spec.slotTimes.map((startsAt, index) => {
    const slot: Prisma.SlotCreateManyInput = {
      id: demoId(`slot:${spec.key}:${index}`),
      examSessionId: sessionId,
      startsAt,
      durationMinutes: spec.duration,
      capacity: 1,
      bookedCount: 0,
    };
    data.slots.push(slot);
    return slot;
  });
  data.juries.push({
    id: juryId,
    certificationId: spec.certificationId,
    examSessionId: sessionId,
    name: spec.jury.name,
    kind: 'EVALUATION_AND_DELIBERATION',
    createdAt: spec.createdAt,
  });
  for (const [n, role, representation] of spec.jury.members) {
    data.juryMembers.push({
      id: demoId(`jury-member:${spec.key}:${n}`),
      juryId,
      jurorId: jurorId(n),
      role,
      representation: representation ?? null,
    });
  }
  return { title: spec.title, duration: spec.duration, juryId, members: spec.jury.members, slots };
}

/** Per juror and criterion deltas around the target score; each pattern keeps the jurors' mean unchanged. */
const PATTERNS: number[][][] = [
  [[0, 0], [0, 0]],
  [[1, 0], [-1, 0]],
  [[0, -1], [0, 1]],
  [[0, 0], [0, 0]],
];

interface GradedOral {
  scores: { juror: number; criterionId: string; value: number; comment: string | null }[];
  agreed: {
    competence: CompetenceRow;
    aggregateValue: number;
    spread: number;
    flagged: boolean;
    agreedValue: number;
    justification: string | null;
  }[];
  outcome: 'CERTIFIED' | 'PARTIALLY_CERTIFIED' | 'NOT_CERTIFIED';
  validatedBlockCodes: string[];
  details: Prisma.InputJsonObject;
  explanation: { fr: string; en: string };
}

/** Deterministic scores for one oral, then the agreed scores and the decision under the certification's rule. */
function gradeOral(c: CandidateDef, cert: CertificationRef, jurors: number[]): GradedOral {
  const scores: GradedOral['scores'] = [];
  const agreed: GradedOral['agreed'] = [];
  const low = Math.max(cert.scaleMin, 1); // 0 means "not evaluated" on this scale
  cert.competences.forEach((competence, index) => {
    const failing = c.failing?.includes(competence.code) ?? false;
    const target = failing ? 1 : (c.n + index) % 3 === 0 ? 4 : 3;
    const pattern = PATTERNS[(c.n + index) % PATTERNS.length];
    jurors.forEach((juror, j) =>
      competence.criteria.forEach((criterion, k) => {
        const value =
          c.disagreement === competence.code
            ? j === 0
              ? 4
              : 2
            : clamp(target + (pattern[j]?.[k] ?? 0), low, cert.scaleMax);
        const comment =
          failing && k === 0
            ? j === 0
              ? 'Compétence insuffisamment démontrée : les exemples présentés restent théoriques.'
              : 'Réponses imprécises aux questions du jury sur ce point.'
            : value === 4 && k === 0 && j === 0 && index % 4 === 0
              ? 'Très bonne maîtrise, illustrée par le projet réel du dossier.'
              : null;
        scores.push({ juror, criterionId: criterion.id, value, comment });
      }),
    );
  });

  // Aggregation and decision come from the same pure rules as a live oral (decision.rules.ts).
  const framework: FrameworkShape = {
    blocks: cert.blocks.map((block) => ({
      code: block.code,
      title: block.title,
      competences: cert.competences
        .filter((competence) => competence.blockCode === block.code)
        .map((competence) => ({ id: competence.id, code: competence.code, title: competence.title, minimumScore: competence.minimumScore, criteria: competence.criteria })),
    })),
  };
  const jurorKey = (juror: number) => String(juror);
  const aggregates = aggregateCompetences(
    framework,
    jurors.map(jurorKey),
    scores.map((score) => ({ jurorId: jurorKey(score.juror), criterionId: score.criterionId, value: score.value })),
    cert.aggregationMethod,
    cert.disagreementThreshold,
  );
  for (const aggregate of aggregates) {
    const competence = cert.competences.find((item) => item.id === aggregate.competenceId)!;
    const aggregateValue = aggregate.aggregate ?? cert.scaleMin;
    const flagged = aggregate.flagged;
    agreed.push({
      competence,
      aggregateValue,
      spread: aggregate.spread ?? 0,
      flagged,
      agreedValue: cert.aggregationMethod === 'CONSENSUS' ? Math.round(aggregateValue) : aggregateValue,
      justification: !flagged
        ? null
        : c.disagreement === competence.code
          ? "Écart discuté en délibération : le jury retient la maîtrise de la démarche, malgré une présentation incomplète du volet VAE."
          : cert.aggregationMethod === 'CONSENSUS'
            ? 'Valeur retenue par consensus après échange entre les jurés sur les observations en situation de travail.'
            : "Écart discuté en délibération : le jury retient la valeur agrégée, la compétence étant démontrée sur l'essentiel des critères.",
    });
  }
  const result = decide({
    rule: cert.rule,
    framework,
    agreed: Object.fromEntries(agreed.map((a) => [a.competence.id, a.agreedValue])),
  });
  const { outcome, validatedBlockCodes, explanation } = result;
  // Same shape as a decision taken in the oral room (scoring.service.ts decideOral).
  const details: Prisma.InputJsonObject = JSON.parse(JSON.stringify({ blocks: result.blocks, explanation: result.explanation }));
  return { scores, agreed, outcome, validatedBlockCodes, details, explanation };
}

async function writeDemoData(tx: Prisma.TransactionClient, data: DemoData): Promise<void> {
  await tx.certifier.create({ data: data.certifier });
  await tx.partner.createMany({ data: data.partners });
  await tx.user.createMany({ data: data.users });
  await tx.jurorProfile.createMany({ data: data.jurorProfiles });
  await tx.trainerLink.createMany({ data: data.trainerLinks });
  await tx.certification.createMany({ data: data.certifications });
  await tx.frameworkVersion.createMany({ data: data.frameworkVersions });
  await tx.block.createMany({ data: data.blocks });
  await tx.competence.createMany({ data: data.competences });
  await tx.criterion.createMany({ data: data.criteria });
  await tx.quizQuestion.createMany({ data: data.quizQuestions });
  await tx.candidate.createMany({ data: data.candidates });
  await tx.conflictDeclaration.createMany({ data: data.conflicts });
  await tx.accommodation.createMany({ data: data.accommodations });
  await tx.attempt.createMany({ data: data.attempts });
  await tx.experiencePeriod.createMany({ data: data.experiencePeriods });
  await tx.storedFile.createMany({ data: data.storedFiles });
  await tx.projectFile.createMany({ data: data.projectFiles });
  await tx.examSession.createMany({ data: data.examSessions });
  await tx.slot.createMany({ data: data.slots });
  await tx.jury.createMany({ data: data.juries });
  await tx.juryMember.createMany({ data: data.juryMembers });
  await tx.booking.createMany({ data: data.bookings });
  await tx.oral.createMany({ data: data.orals });
  await tx.score.createMany({ data: data.scores });
  await tx.agreedScore.createMany({ data: data.agreedScores });
  await tx.decision.createMany({ data: data.decisions });
  await tx.minutes.createMany({ data: data.minutes });
  await tx.minutesSignature.createMany({ data: data.signatures });
  await tx.result.createMany({ data: data.results });
  await tx.acquiredBlock.createMany({ data: data.acquiredBlocks });
  await tx.cdcPassage.createMany({ data: data.cdcPassages });
  await tx.trainingPath.createMany({ data: data.trainingPaths });
  await tx.feedback.createMany({ data: data.feedback });
  await tx.appeal.createMany({ data: data.appeals });
  await tx.complaint.createMany({ data: data.complaints });
}

// ───────────────────────────── CLI: pnpm db:seed ─────────────────────────────

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { loadConfig } = await import('../server/src/config.ts');
  const { openDatabase } = await import('../server/src/db/database.ts');
  const { applyMigrations } = await import('../server/src/db/migrations.ts');
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await applyMigrations(db.raw, db.kind, config.migrationsDir);
    const empty = await isDatabaseEmpty(db.prisma);
    const started = Date.now();
    const { loadAppSecret } = await import('../server/src/lib/secrets.ts');
    // The demo certificates name the URL the server will answer on (PUBLIC_URL, else the local port).
    const signing = { secret: await loadAppSecret(config), publicUrl: config.publicUrl || `http://localhost:${config.port}` };
    const logins = await seedDemoData(db.prisma, new Date(), signing);
    console.log(
      empty
        ? `Données de démonstration chargées dans ${db.label} en ${Date.now() - started} ms.`
        : `${db.label} contient déjà un organisme certificateur : rien n'a été modifié.`,
    );
    console.log(formatLogins(logins));
  } catch (error) {
    console.error('Échec du chargement des données de démonstration :', error);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
