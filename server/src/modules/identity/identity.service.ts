import type { PrismaClient } from '../../generated/prisma/client.ts';
import { verifyPassword, UNUSABLE_PASSWORD_HASH } from '../../auth/password.ts';
import { newSessionToken, sha256, type Viewer, type ViewerResolver } from '../../auth/viewer.ts';
import { AppError } from '../../lib/errors.ts';
import type { LoginLimiter } from '../../auth/login-limiter.ts';

export async function login(prisma: PrismaClient, limiter: LoginLimiter, clientIp: string | null, email: string, password: string, ttlMs: number) {
  const account = email.trim().toLowerCase();
  await limiter.begin(account, clientIp); // counted before the password is looked at (see login-limiter.ts)
  const user = await prisma.user.findUnique({ where: { email: account } });
  // Always run one scrypt so response time does not reveal whether the account exists.
  const valid = await verifyPassword(password, user?.passwordHash ?? UNUSABLE_PASSWORD_HASH);
  if (!user || !valid || user.disabledAt) {
    throw new AppError('INVALID_CREDENTIALS');
  }
  await limiter.succeeded(account, clientIp);
  const token = newSessionToken();
  const session = await prisma.session.create({
    data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + ttlMs) },
  });
  return { token, expiresAt: session.expiresAt, userId: user.id };
}

export async function logout(prisma: PrismaClient, viewers: ViewerResolver, viewer: Viewer | null, credential: string | null): Promise<boolean> {
  if (viewer?.kind !== 'user') return false;
  await prisma.session.update({ where: { id: viewer.sessionId }, data: { revokedAt: new Date() } });
  if (credential) viewers.revoke(credential);
  return true;
}
