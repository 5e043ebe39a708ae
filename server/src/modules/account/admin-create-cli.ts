// `pnpm admin:create --email ADDRESS [--name NAME] [--certifier NAME --siret SIRET] [--cdc-client-id ID]
// [--cdc-contract-id ID]`: the first admin of a certifier, from an empty database. It applies pending
// migrations, creates the certifier when there is none yet (its name and SIRET are then required), creates the
// admin and prints a one-time link to choose the password, valid 24 hours. Run again for an existing admin, it
// prints a new link (the earlier one stops working) instead of failing. With the embedded database, stop the
// server first (one process at a time opens it).
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { applyMigrations } from '../../db/migrations.ts';
import { UNUSABLE_PASSWORD_HASH } from '../../auth/password.ts';
import { appendAudit } from '../../lib/audit.ts';
import { FIRST_ADMIN_LINK_TTL_MS } from './account.rules.ts';
import { issueLink } from './account.service.ts';

const USAGE = 'usage: pnpm admin:create --email ADDRESS [--name NAME] [--certifier NAME --siret SIRET] [--cdc-client-id ID] [--cdc-contract-id ID]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    certifier: { type: 'string' },
    siret: { type: 'string' },
    'cdc-client-id': { type: 'string' },
    'cdc-contract-id': { type: 'string' },
  },
  strict: true,
});
const email = values.email?.trim().toLowerCase();
if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail('--email: an e-mail address is required.');
if (values.siret && !/^\d{14}$/.test(values.siret)) fail('--siret: 14 digits.');
if (values['cdc-client-id'] && !/^.{1,8}$/.test(values['cdc-client-id'])) fail('--cdc-client-id: 8 characters at most.');

const config = loadConfig();
const publicUrl = config.publicUrl || `http://localhost:${config.port}`;
const db = await openDatabase(config);
try {
  await applyMigrations(db.raw, db.kind, config.migrationsDir);
  const link = await db.prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true, passwordSetAt: true, disabledAt: true } });
    if (existing) {
      if (existing.role !== 'ADMIN') fail(`${email} is already an account with the role ${existing.role}; choose another address.`);
      if (existing.disabledAt) fail(`${email} is a deactivated admin: an active admin can reactivate it in the web app.`);
      await appendAudit(tx, { actorKind: 'system', action: 'user.adminLinkIssued', entityType: 'User', entityId: existing.id, data: { by: 'admin:create' } });
      return issueLink(tx, { userId: existing.id, purpose: existing.passwordSetAt ? 'PASSWORD_RESET' : 'INVITATION', ttlMs: FIRST_ADMIN_LINK_TTL_MS });
    }
    const certifiers = await tx.certifier.findMany({ select: { id: true, name: true, siret: true } });
    let certifier = values.siret ? certifiers.find((c) => c.siret === values.siret) : certifiers.length === 1 ? certifiers[0] : undefined;
    if (!certifier) {
      if (certifiers.length > 1 && !values.siret) fail(`Several certifiers exist (${certifiers.map((c) => `${c.name}, SIRET ${c.siret}`).join('; ')}): say which with --siret.`);
      if (!values.certifier || !values.siret) fail('No certifier exists yet: give its name (--certifier) and SIRET (--siret).');
      certifier = await tx.certifier.create({
        data: { name: values.certifier.trim(), siret: values.siret, cdcClientId: values['cdc-client-id'] ?? null, cdcContractId: values['cdc-contract-id'] ?? null },
        select: { id: true, name: true, siret: true },
      });
      await appendAudit(tx, { actorKind: 'system', action: 'certifier.created', entityType: 'Certifier', entityId: certifier.id, data: { name: certifier.name, siret: certifier.siret, by: 'admin:create' } });
    }
    const admin = await tx.user.create({
      data: { email, displayName: values.name?.trim() || email, role: 'ADMIN', certifierId: certifier.id, passwordHash: UNUSABLE_PASSWORD_HASH },
      select: { id: true },
    });
    await appendAudit(tx, { actorKind: 'system', action: 'user.invited', entityType: 'User', entityId: admin.id, data: { role: 'ADMIN', by: 'admin:create' } });
    return issueLink(tx, { userId: admin.id, purpose: 'INVITATION', ttlMs: FIRST_ADMIN_LINK_TTL_MS });
  });
  process.stdout.write(
    `Admin ${email}: choose the password with this link (valid until ${link.expiresAt.toISOString()}, once):\n${publicUrl}${link.path}\n`,
  );
} finally {
  await db.close();
}
