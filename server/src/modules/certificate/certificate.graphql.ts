// Certificates in the schema: `Attempt.certificates` (the candidate, their partner, admins; not jurors), the
// public `certificate(id)`, `verifyCertificate(id)` and `verifyCredential(credential)` (no login: anyone
// verifying a certificate), and the admins' deadline list, issue, revocation and key rotation.
import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { selectForRequestedFields } from '../../graphql/requested-fields.ts';
import { underCandidateAttempts } from '../../graphql/loaded-under.ts';
import { OutcomeEnum } from '../../graphql/enums.ts';
import type { Context } from '../../graphql/context.ts';
import { translate, type MessageKey } from '../../lib/messages.ts';
import {
  attemptCertificatesOfRow,
  attemptCertificatesSelect,
  type AttemptCertificatesRow,
  certificatesByAttempt,
  certificatesToIssue,
  holderNameOfRow,
  issueCertificates,
  issuerKeys,
  publicCertificate,
  recentCertificates,
  revocationLabel,
  revokeCertificate,
  rotateSigningKey,
  HOLDER_DID,
  setMyHolderDid,
  verifyCertificateById,
  verifyCredential,
  type CertificateRow,
  type CertificateToIssue,
  type IssuerKeyView,
  type VerificationView,
} from './certificate.service.ts';
import { CREDENTIAL_MEDIA_TYPE, credentialUrl, linkedInAddUrl, verificationPageUrl, WHOLE_CERTIFICATION, type VerificationCheck } from './certificate.rules.ts';

/** Largest credential accepted by verifyCredential, as JSON text. */
const MAX_CREDENTIAL_BYTES = 200_000;

const nameOf = (row: CertificateRow) => String((row.credential as { name?: unknown }).name ?? row.attempt.certification.title);

export const CertificateRef = builder.objectRef<CertificateRow>('Certificate').implement({
  description: 'A verifiable certificate (Open Badges 3.0 credential signed with the certifier’s Ed25519 key), for the whole certification or one validated block.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.string({ description: 'The achievement: the certification title, or "title — block".', resolve: nameOf }),
    scope: t.exposeString('scope', { description: `${WHOLE_CERTIFICATION} (the whole certification) or the block code.` }),
    blockCodes: t.exposeStringList('blockCodes'),
    holderName: t.string({ resolve: holderNameOfRow }),
    certificationCode: t.string({ resolve: (row) => row.attempt.certification.code }),
    certificationTitle: t.string({ resolve: (row) => row.attempt.certification.title }),
    issuerName: t.string({ resolve: (row) => row.attempt.certification.certifier.name }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    issueBy: t.expose('issueBy', { type: 'DateTime', description: 'Issue deadline: jury + 30 days.' }),
    revoked: t.boolean({ resolve: (row) => row.revokedAt !== null }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    revocationReason: t.string({
      nullable: true,
      description: "Why it was revoked: the admin's own words for the certifier's admins, the public label of revocationCode for anyone else.",
      resolve: (row, _args, ctx) => {
        const viewer = ctx.viewer;
        const ownAdmin = viewer?.kind === 'user' && viewer.role === 'ADMIN' && viewer.certifierId === row.attempt.certification.certifier.id;
        return ownAdmin ? row.revocationReason : revocationLabel(row.revocationCode, row.revokedAt !== null);
      },
    }),
    revocationCode: t.exposeString('revocationCode', { nullable: true, description: 'What a revocation publishes: ISSUER_DECISION, FRAUD or DECISION_REPLACED.' }),
    supersededAt: t.expose('supersededAt', { type: 'DateTime', nullable: true, description: 'Re-issued under the issuer’s current identity (supersededById): this one still verifies.' }),
    supersededById: t.exposeID('supersededById', { nullable: true }),
    credential: t.field({ type: 'JSON', description: 'The signed credential (JSON-LD), as downloaded from credentialUrl.', resolve: (row) => row.credential }),
    credentialUrl: t.string({ description: `GET: the signed credential (${CREDENTIAL_MEDIA_TYPE}).`, resolve: (row, _args, ctx) => credentialUrl(ctx.config.publicUrl, row.id) }),
    pdfPath: t.string({ description: 'GET: the printable PDF.', resolve: (row) => `/certificates/${row.id}.pdf` }),
    verificationUrl: t.string({ description: 'The public verification page.', resolve: (row, _args, ctx) => verificationPageUrl(ctx.config.publicUrl, row.id) }),
    linkedInAddUrl: t.string({
      description: "LinkedIn's “add a licence or certification” link, prefilled with the name, issuer, date and verification URL.",
      resolve: (row, _args, ctx) =>
        linkedInAddUrl({ name: nameOf(row), issuerName: row.attempt.certification.certifier.name, issuedAt: row.issuedAt, certificateId: row.id, publicUrl: ctx.config.publicUrl }),
    }),
  }),
});

builder.prismaObjectFields('Attempt', (t) => ({
  certificates: t.field({
    type: [CertificateRef],
    description: 'Its certificates: for the candidate, their partner and admins of the certifier; empty for anyone else (jurors included).',
    // In the attempt's own statement (a selection merged into the parent query), with the row rule applied in memory.
    ...selectForRequestedFields((ctx, requested, position) => attemptCertificatesSelect(ctx.viewer, requested, underCandidateAttempts(position))),
    // The row holds what attemptCertificatesSelect selected (the extension is untyped, hence the cast).
    resolve: (attempt, _args, ctx) => attemptCertificatesOfRow(ctx.viewer, attempt as unknown as AttemptCertificatesRow),
  }),
}));

// ─── Verification ───

function checkMessage(check: VerificationCheck, view: VerificationView): string {
  if (check.ok) return translate(`certificate.check.${check.name}.ok` as MessageKey);
  if (check.name === 'NOT_REVOKED' || check.name === 'MATCHES_RECORD') {
    return translate(`certificate.check.${check.name}.${check.reason}` as MessageKey, {
      date: view.revokedAt?.toISOString().slice(0, 10) ?? '',
      reason: view.revocationReason ?? '',
    });
  }
  return translate(`certificate.check.${check.name}.fail` as MessageKey);
}

const CheckRef = builder.objectRef<VerificationCheck & { view: VerificationView }>('CertificateCheck').implement({
  fields: (t) => ({
    name: t.exposeString('name', { description: 'FORMAT, SIGNATURE, KNOWN_KEY, NOT_REVOKED or MATCHES_RECORD.' }),
    ok: t.exposeBoolean('ok'),
    message: t.string({ description: "In the request's language.", resolve: (check) => checkMessage(check, check.view) }),
  }),
});

const VerificationRef = builder.objectRef<VerificationView>('CertificateVerification').implement({
  description: 'Valid only when every check passes: the format, the eddsa-jcs-2022 signature (by the key its proof names), the key is one of the issuer’s, not revoked, identical to the recorded credential. A superseded certificate (re-issued) stays valid and names its replacement.',
  fields: (t) => ({
    valid: t.exposeBoolean('valid'),
    checks: t.field({ type: [CheckRef], resolve: (view) => view.checks.map((check) => ({ ...check, view })) }),
    certificateId: t.exposeID('certificateId', { nullable: true }),
    revoked: t.exposeBoolean('revoked'),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    revocationReason: t.exposeString('revocationReason', { nullable: true, description: 'The public label of its revocation code.' }),
    supersededAt: t.expose('supersededAt', { type: 'DateTime', nullable: true }),
    supersededById: t.exposeID('supersededById', { nullable: true, description: 'The certificate that re-issued this one.' }),
    issuerName: t.exposeString('issuerName', { nullable: true, description: 'As the credential states it.' }),
    holderName: t.exposeString('holderName', { nullable: true }),
    achievementName: t.exposeString('achievementName', { nullable: true }),
    issuedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (view) => (view.issuedAt && !Number.isNaN(Date.parse(view.issuedAt)) ? new Date(view.issuedAt) : null),
    }),
  }),
});

builder.queryField('certificate', (t) =>
  t.field({
    type: CertificateRef,
    nullable: true,
    description: 'Public: what a certificate states (holder, certification, issuer, date, revocation), for its verification page.',
    authScopes: { public: true },
    args: { id: t.arg.id() },
    resolve: (_root, args, ctx) => publicCertificate(ctx.prisma, String(args.id)),
  }),
);

builder.queryField('verifyCertificate', (t) =>
  t.field({
    type: VerificationRef,
    nullable: true,
    description: 'Public: verifies the credential recorded under this id; null when there is none.',
    authScopes: { public: true },
    args: { id: t.arg.id() },
    resolve: (_root, args, ctx) => verifyCertificateById(ctx.prisma, String(args.id)),
  }),
);

builder.queryField('verifyCredential', (t) =>
  t.field({
    type: VerificationRef,
    description: 'Public: verifies an uploaded credential (the JSON downloaded from credentialUrl).',
    authScopes: { public: true },
    args: {
      credential: t.arg({
        type: 'JSON',
        validate: z.unknown().refine((value) => JSON.stringify(value ?? null).length <= MAX_CREDENTIAL_BYTES, { message: `≤ ${MAX_CREDENTIAL_BYTES} bytes` }),
      }),
    },
    resolve: (_root, args, ctx) => verifyCredential(ctx.prisma, args.credential),
  }),
);

// ─── Holder binding ───

builder.mutationField('setMyHolderDid', (t) =>
  t.field({
    type: 'String',
    nullable: true,
    description: "The candidate's own DID (their wallet's), or null to clear it: certificates issued after name it as credentialSubject.id.",
    authScopes: { candidate: true },
    args: { did: t.arg.string({ required: false, validate: z.string().max(500).regex(HOLDER_DID) }) },
    resolve: (_root, args, ctx) => setMyHolderDid(ctx, ctx.viewer, args.did ?? null),
  }),
);

// ─── Admins ───

const CertificateToIssueRef = builder.objectRef<CertificateToIssue>('CertificateToIssue').implement({
  description: 'A positive decision whose certificates are not all issued yet, with the 30-day deadline.',
  fields: (t) => ({
    decisionId: t.exposeID('decisionId'),
    attemptId: t.exposeID('attemptId'),
    candidateName: t.exposeString('candidateName'),
    certificationCode: t.exposeString('certificationCode'),
    certificationTitle: t.exposeString('certificationTitle'),
    outcome: t.expose('outcome', { type: OutcomeEnum }),
    juryDate: t.expose('juryDate', { type: 'DateTime' }),
    issueBy: t.expose('issueBy', { type: 'DateTime', description: 'Jury + 30 days.' }),
    missingScopes: t.exposeStringList('missingScopes', { description: `What is still owed: ${WHOLE_CERTIFICATION} or block codes.` }),
    resultPublished: t.exposeBoolean('resultPublished', { description: 'Only a published result can be issued (issueCertificates).' }),
    daysLeft: t.exposeInt('daysLeft', { description: 'Whole days left (negative once late).' }),
    late: t.exposeBoolean('late'),
    atRisk: t.exposeBoolean('atRisk', { description: 'Late or due within 7 days.' }),
  }),
});

const IssuerKeyRef = builder.objectRef<IssuerKeyView>('IssuerSigningKey').implement({
  description: "One of the certifier's Ed25519 public keys; retired keys still verify the certificates they signed.",
  fields: (t) => ({
    id: t.exposeID('id'),
    publicKeyMultibase: t.exposeString('publicKeyMultibase'),
    verificationMethod: t.exposeString('verificationMethod'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    retiredAt: t.expose('retiredAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryField('certificatesToIssue', (t) =>
  t.field({
    type: [CertificateToIssueRef],
    description: 'Positive decisions awaiting their certificates, earliest deadline first; `atRisk: true` keeps the late ones and those due within 7 days.',
    authScopes: { admin: true },
    args: { atRisk: t.arg.boolean({ required: false }) },
    resolve: (_root, args, ctx) => certificatesToIssue(ctx.prisma, ctx.viewer, Boolean(args.atRisk)),
  }),
);

builder.queryField('recentCertificates', (t) =>
  t.field({
    type: [CertificateRef],
    description: "The certifier's latest certificates, newest first (at most 200).",
    authScopes: { admin: true },
    args: { first: t.arg.int({ required: false, validate: z.number().int().min(1).max(200) }) },
    resolve: (_root, args, ctx) => recentCertificates(ctx.prisma, ctx.viewer, args.first ?? 50),
  }),
);

builder.queryField('signingKeys', (t) =>
  t.field({
    type: [IssuerKeyRef],
    description: "The certifier's signing keys, oldest first (the current one has no retiredAt).",
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => issuerKeys(ctx.prisma, ctx.config.publicUrl, adminCertifierId(ctx)),
  }),
);

function adminCertifierId(ctx: Context): string {
  // authScopes admin guarantees a user viewer.
  return (ctx.viewer as Extract<NonNullable<Context['viewer']>, { kind: 'user' }>).certifierId;
}

const certificatesOf = async (ctx: Context, attemptId: string) => (await certificatesByAttempt(ctx.prisma, ctx.viewer, [attemptId])).get(attemptId) ?? [];

builder.mutationField('issueCertificates', (t) =>
  t.field({
    type: [CertificateRef],
    description: 'Issues the certificates a published positive result still owes (idempotent); returns all the attempt’s certificates.',
    authScopes: { admin: true },
    args: { attemptId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      await issueCertificates(ctx, ctx.viewer, String(args.attemptId));
      return certificatesOf(ctx, String(args.attemptId));
    },
  }),
);

builder.mutationField('revokeCertificate', (t) =>
  t.field({
    type: CertificateRef,
    description: 'Revokes a certificate (e.g. after fraud), with a reason shown by every verification.',
    authScopes: { admin: true },
    args: { id: t.arg.id(), reason: t.arg.string({ validate: z.string().trim().min(3).max(1000) }) },
    resolve: async (_root, args, ctx) => {
      await revokeCertificate(ctx, ctx.viewer, String(args.id), args.reason.trim());
      return (await publicCertificate(ctx.prisma, String(args.id)))!;
    },
  }),
);

builder.mutationField('rotateSigningKey', (t) =>
  t.field({
    type: [IssuerKeyRef],
    description: 'Retires the current signing key (it still verifies what it signed) and creates the one that signs from now on.',
    authScopes: { admin: true },
    resolve: async (_root, _args, ctx) => {
      await rotateSigningKey(ctx, ctx.viewer);
      return issuerKeys(ctx.prisma, ctx.config.publicUrl, adminCertifierId(ctx));
    },
  }),
);
