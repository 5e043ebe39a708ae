// Accounts in the schema: the people an admin or a partner user manages (with their invitation state),
// invitations, single-use links (set a password, confirm an e-mail), "mot de passe oublié", change of password
// or e-mail, deactivation. Thin: the rules live in account.service.ts and account.rules.ts.
import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { LocaleEnum, RoleEnum } from '../../graphql/enums.ts';
import { LoginPayload } from '../identity/identity.graphql.ts';
import { MAX_PASSWORD_LENGTH } from '../../auth/password-policy.ts';
import { accountView } from './account.rules.ts';
import {
  changePassword,
  confirmEmailChange,
  createPartner,
  deactivateUser,
  describeLink,
  invitePartnerUser,
  inviteStaff,
  managedPeopleFilter,
  reactivateUser,
  requestEmailChange,
  requestPasswordReset,
  resendInvitation,
  revokeInvitation,
  resendCandidateInvitation,
  setPasswordWithLink,
  type AccountLinkView,
} from './account.service.ts';
import { candidateFilter } from '../../auth/policies.ts';

const AccountStateEnum = builder.enumType('AccountState', {
  description: 'Where an account stands: invited (its link can still be used), invitation expired or revoked, active, deactivated.',
  values: ['INVITED', 'INVITATION_EXPIRED', 'ACTIVE', 'DEACTIVATED'] as const,
});

const StaffRoleEnum = builder.enumType('StaffRole', { description: 'Roles an admin invites directly.', values: ['ADMIN', 'JUROR'] as const });

const LinkStatusEnum = builder.enumType('AccountLinkStatus', { values: ['VALID', 'EXPIRED', 'USED', 'REVOKED', 'UNKNOWN'] as const });
const LinkPurposeEnum = builder.enumType('AccountLinkPurpose', { values: ['INVITATION', 'PASSWORD_RESET', 'EMAIL_CHANGE'] as const });

const latestInvitation = { where: { purpose: 'INVITATION' as const }, orderBy: { createdAt: 'desc' as const }, take: 1, select: { expiresAt: true, usedAt: true, revokedAt: true } };

const Person = builder.prismaObject('User', {
  variant: 'Person',
  description: 'Someone an admin (the certifier’s staff and partner users) or a partner user (its colleagues) manages.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    displayName: t.exposeString('displayName'),
    role: t.expose('role', { type: RoleEnum }),
    locale: t.expose('locale', { type: LocaleEnum }),
    partner: t.relation('partner', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deactivatedAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    state: t.field({
      type: AccountStateEnum,
      select: { disabledAt: true, passwordSetAt: true, accountTokens: latestInvitation },
      resolve: (user) => accountView(user).state,
    }),
    invitationExpiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Until when the pending invitation link works (null once the password is chosen).',
      select: { disabledAt: true, passwordSetAt: true, accountTokens: latestInvitation },
      resolve: (user) => accountView(user).invitationExpiresAt,
    }),
  }),
});

const AccountLinkRef = builder.objectRef<AccountLinkView>('AccountLink').implement({
  description: 'What a link sent by e-mail is for, and whether it can still be used.',
  fields: (t) => ({
    status: t.field({ type: LinkStatusEnum, resolve: (link) => link.status }),
    purpose: t.field({ type: LinkPurposeEnum, nullable: true, resolve: (link) => link.purpose }),
    email: t.string({ nullable: true, description: 'The address concerned, while the link is valid.', resolve: (link) => link.email }),
  }),
});

const email = z.string().trim().email().max(254);
const displayName = z.string().trim().min(2).max(120);
const linkToken = z.string().min(1).max(200);
const password = z.string().min(1).max(MAX_PASSWORD_LENGTH);

const InviteInput = builder.inputType('InviteInput', {
  fields: (t) => ({
    email: t.string({ validate: email }),
    displayName: t.string({ validate: displayName }),
    locale: t.field({ type: LocaleEnum, required: false, description: 'The language of the invitation and of the account (French by default).' }),
  }),
});

const InviteStaffInput = builder.inputType('InviteStaffInput', {
  fields: (t) => ({
    email: t.string({ validate: email }),
    displayName: t.string({ validate: displayName }),
    role: t.field({ type: StaffRoleEnum }),
    locale: t.field({ type: LocaleEnum, required: false }),
  }),
});

const CreatePartnerInput = builder.inputType('CreatePartnerInput', {
  fields: (t) => ({
    name: t.string({ validate: z.string().trim().min(2).max(200) }),
    siret: t.string({ validate: z.string().regex(/^\d{14}$/, { error: () => 'SIRET : 14 chiffres.' }) }),
    declarationNumber: t.string({ required: false, description: 'NDA (numéro de déclaration d’activité), 11 digits.', validate: z.string().regex(/^\d{11}$/) }),
    contactEmail: t.string({ required: false, validate: email }),
    firstUser: t.field({ type: InviteInput, description: 'The partner’s first user, invited at once.' }),
  }),
});

builder.queryField('people', (t) =>
  t.prismaConnection({
    type: Person,
    cursor: 'id',
    description: 'Admins: the certifier’s admins, jurors and partner users. Partner users: the users of their organisation. Newest first.',
    authScopes: { admin: true, partnerUser: true },
    args: {
      role: t.arg({ type: RoleEnum, required: false }),
      search: t.arg.string({ required: false, description: 'Part of a name or e-mail.', validate: z.string().trim().max(120) }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.user.findMany({
        ...query,
        where: {
          AND: [
            managedPeopleFilter(ctx.viewer),
            args.role ? { role: args.role } : {},
            args.search ? { OR: [{ email: { contains: args.search, mode: 'insensitive' } }, { displayName: { contains: args.search, mode: 'insensitive' } }] } : {},
          ],
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.queryField('accountLink', (t) =>
  t.field({
    type: AccountLinkRef,
    description: 'Anyone holding a link: what it is for and whether it can still be used (expired, used, revoked or unknown).',
    authScopes: { public: true },
    args: { token: t.arg.string({ validate: linkToken }) },
    resolve: (_root, args, ctx) => describeLink(ctx.prisma, args.token),
  }),
);

builder.mutationField('setPasswordWithLink', (t) =>
  t.field({
    type: LoginPayload,
    description: 'An invitation or password-reset link sets the password (once); the person is signed in and their other sessions end.',
    authScopes: { public: true },
    args: { token: t.arg.string({ validate: linkToken }), password: t.arg.string({ validate: password }) },
    resolve: (_root, args, ctx) => setPasswordWithLink(ctx, args.token, args.password),
  }),
);

builder.mutationField('requestPasswordReset', (t) =>
  t.boolean({
    description: '"Mot de passe oublié": e-mails a link valid one hour if the address is an active account. Always answers true.',
    authScopes: { public: true },
    args: { email: t.arg.string({ validate: email }) },
    resolve: (_root, args, ctx) => requestPasswordReset(ctx, args.email, ctx.clientIp),
  }),
);

builder.mutationField('changePassword', (t) =>
  t.boolean({
    description: 'Signed-in people: a new password (the current one is asked); their other sessions end.',
    authScopes: { person: true },
    args: { currentPassword: t.arg.string({ validate: password }), newPassword: t.arg.string({ validate: password }) },
    resolve: (_root, args, ctx) => changePassword(ctx, ctx.viewer, args.currentPassword, args.newPassword, ctx.clientIp),
  }),
);

builder.mutationField('requestEmailChange', (t) =>
  t.boolean({
    description: 'Signed-in people: a new e-mail address, confirmed from a link sent to it (the current password is asked).',
    authScopes: { person: true },
    args: { newEmail: t.arg.string({ validate: email }), currentPassword: t.arg.string({ validate: password }) },
    resolve: (_root, args, ctx) => requestEmailChange(ctx, ctx.viewer, args.newEmail, args.currentPassword, ctx.clientIp),
  }),
);

builder.mutationField('confirmEmailChange', (t) =>
  t.boolean({
    description: 'The link sent to a new address makes it the account’s e-mail (once).',
    authScopes: { public: true },
    args: { token: t.arg.string({ validate: linkToken }) },
    resolve: (_root, args, ctx) => confirmEmailChange(ctx, args.token),
  }),
);

builder.mutationField('inviteStaff', (t) =>
  t.prismaField({
    type: Person,
    description: 'Admins: invites an admin or a juror of the certifier (an e-mail with a link to choose a password).',
    authScopes: { admin: true },
    args: { input: t.arg({ type: InviteStaffInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const user = await inviteStaff(ctx, ctx.viewer, { email: input.email, displayName: input.displayName, role: input.role, locale: input.locale });
      return ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: user.id } });
    },
  }),
);

builder.mutationField('createPartner', (t) =>
  t.prismaField({
    type: 'Partner',
    description: 'Admins: creates a training organisation and invites its first user.',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreatePartnerInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const partner = await createPartner(ctx, ctx.viewer, {
        name: input.name,
        siret: input.siret,
        declarationNumber: input.declarationNumber,
        contactEmail: input.contactEmail,
        firstUser: { email: input.firstUser.email, displayName: input.firstUser.displayName, locale: input.firstUser.locale },
      });
      return ctx.prisma.partner.findUniqueOrThrow({ ...query, where: { id: partner.id } });
    },
  }),
);

builder.mutationField('invitePartnerUser', (t) =>
  t.prismaField({
    type: Person,
    description: 'Partner users: invites a colleague of their own organisation. Admins: a user of any partner (partnerId).',
    authScopes: { admin: true, partnerUser: true },
    args: { partnerId: t.arg.id({ required: false }), input: t.arg({ type: InviteInput }) },
    resolve: async (query, _root, args, ctx) => {
      const user = await invitePartnerUser(ctx, ctx.viewer, args.partnerId ? String(args.partnerId) : null, {
        email: args.input.email,
        displayName: args.input.displayName,
        locale: args.input.locale,
      });
      return ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: user.id } });
    },
  }),
);

for (const [name, description, run] of [
  ['resendInvitation', 'A new invitation link for an account still waiting for its password (the earlier one stops working).', resendInvitation],
  ['revokeInvitation', 'The pending invitation link stops working.', revokeInvitation],
  ['deactivateUser', 'The account can no longer sign in; its sessions, links and the API keys it created end at once. Its history stays.', deactivateUser],
  ['reactivateUser', 'Undoes a deactivation.', reactivateUser],
] as const) {
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: Person,
      description: `Admins (the certifier’s people) and partner users (their colleagues): ${description}`,
      authScopes: { admin: true, partnerUser: true },
      args: { userId: t.arg.id() },
      resolve: async (query, _root, args, ctx) => {
        await run(ctx, ctx.viewer, String(args.userId));
        return ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: String(args.userId) } });
      },
    }),
  );
}

// ───────────────────────────── Candidates' accounts ─────────────────────────────

type CandidateAccountView = ReturnType<typeof accountView>;

const CandidateAccountRef = builder.objectRef<CandidateAccountView>('CandidateAccount').implement({
  description: 'The candidate area account of a candidate, as their partner and admins see it.',
  fields: (t) => ({
    state: t.field({ type: AccountStateEnum, resolve: (account) => account.state }),
    invitationExpiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (account) => account.invitationExpiresAt }),
  }),
});

builder.prismaObjectFields('Candidate', (t) => ({
  account: t.field({
    type: CandidateAccountRef,
    nullable: true,
    description:
      'Partners and admins: the candidate area account opened at registration (null when the address belongs to another account, e.g. staff, or to another registration).',
    select: { user: { select: { disabledAt: true, passwordSetAt: true, accountTokens: latestInvitation } } },
    resolve: (candidate, _args, ctx) => {
      const viewer = ctx.viewer;
      const manages = viewer?.kind === 'apiKey' || (viewer?.kind === 'user' && (viewer.role === 'ADMIN' || viewer.role === 'PARTNER'));
      return manages && candidate.user ? accountView(candidate.user) : null;
    },
  }),
}));

builder.mutationField('resendCandidateInvitation', (t) =>
  t.prismaField({
    type: 'Candidate',
    description: "Partners (their candidates) and admins: a new invitation link to the candidate area, for a candidate who has not chosen a password yet.",
    authScopes: { partner: true, admin: true },
    args: { candidateId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = await resendCandidateInvitation(ctx, ctx.viewer, String(args.candidateId), candidateFilter(ctx.viewer));
      return ctx.prisma.candidate.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
