// The physical floor of the partner-list benchmark: a bare node:http handler answering every POST with the
// partner's first 100 candidates, their attempts, decisions and certificates from ONE hand-written Prisma query
// on the same database, JSON-serialised. No GraphQL, no auth, no limits. Started by partner-list.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../server/src/db/database.ts';

const db = await openDatabase({ dataDir: process.env.DATA_DIR!, databaseUrl: process.env.DATABASE_URL || undefined });
const partnerId = process.env.PARTNER_ID!;

const server = createServer((req, res) => {
  req.resume();
  req.on('end', async () => {
    const candidates = await db.prisma.candidate.findMany({
      where: { partnerId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 100,
      select: {
        id: true,
        fileNumber: true,
        firstName: true,
        birthName: true,
        attempts: {
          orderBy: { attemptNumber: 'asc' },
          select: {
            id: true,
            state: true,
            certification: { select: { code: true, title: true } },
            result: { select: { publishedAt: true, decision: { select: { outcome: true } } } },
            certificates: { select: { id: true } },
          },
        },
      },
    });
    const body = JSON.stringify({ data: { candidates: { edges: candidates.map((node) => ({ node })) } } });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`partner-list floor on http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`));
process.once('SIGTERM', () => server.close(() => db.close().then(() => process.exit(0))));
