// Auth and row rules per role, through the real server over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startIsolatedServer();
  for (const who of ['admin', 'partner-a', 'partner-b', 'juror1', 'juror4', 'juror5', 'candidate01', 'candidate02']) {
    tokens[who] = await loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`);
  }
});
afterAll(() => server?.stop());

const CANDIDATES = `query ($first: Int, $after: String) {
  candidates(first: $first, after: $after) { totalCount edges { node { id fileNumber partner { id name } } } pageInfo { hasNextPage endCursor } }
}`;

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: 'ok' });
  });
});

describe('login', () => {
  it('signs in each demo role and tells who is signed in', async () => {
    const roles: Record<string, string> = { admin: 'ADMIN', 'partner-a': 'PARTNER', juror1: 'JUROR', candidate01: 'CANDIDATE' };
    for (const [who, role] of Object.entries(roles)) {
      const me = await gql(server.graphqlUrl, '{ me { email role partner { name } } }', {}, { token: tokens[who] });
      expect(me.data?.me).toMatchObject({ email: `${who}@demo.certijury.fr`, role });
    }
  });

  it('refuses a wrong password with a typed, translated error', async () => {
    const query = 'mutation { login(email: "admin@demo.certijury.fr", password: "nope") { token } }';
    const fr = await gql(server.graphqlUrl, query);
    expect(fr.errors?.[0].extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(fr.errors?.[0].message).toBe('Adresse e-mail ou mot de passe incorrect.');
    const en = await gql(server.graphqlUrl, query, {}, { locale: 'en-GB,en;q=0.9' });
    expect(en.errors?.[0].message).toBe('Wrong email address or password.');
    expect(JSON.stringify(fr)).not.toMatch(/stack|at \w+ \(/);
  });

  it('treats an unknown or revoked token as anonymous, and logout revokes', async () => {
    const anonymous = await gql(server.graphqlUrl, '{ me { id } }', {}, { token: 'cjs_forged' });
    expect(anonymous.data?.me).toBeNull();
    const token = await loginAs(server.graphqlUrl, 'juror4@demo.certijury.fr');
    expect((await gql(server.graphqlUrl, 'mutation { logout }', {}, { token })).data?.logout).toBe(true);
    expect((await gql(server.graphqlUrl, '{ me { id } }', {}, { token })).data?.me).toBeNull();
  });
});

describe('scopes', () => {
  it('answers UNAUTHENTICATED to anonymous callers and FORBIDDEN to the wrong role', async () => {
    const anonymous = await gql(server.graphqlUrl, CANDIDATES);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const who of ['juror1', 'candidate01']) {
      const result = await gql(server.graphqlUrl, CANDIDATES, {}, { token: tokens[who] });
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
    const orals = await gql(server.graphqlUrl, '{ myOrals { id } }', {}, { token: tokens['partner-a'] });
    expect(orals.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('serves the public catalogue to anyone', async () => {
    const result = await gql(
      server.graphqlUrl,
      '{ certifications { code registry decisionRule currentFramework { version blocks { code competences { code minimumScore criteria { code } } } } } }',
    );
    const rs = result.data?.certifications.find((c: any) => c.code === 'RS5302');
    expect(rs.decisionRule).toBe('ALL_COMPETENCES');
    const competences = rs.currentFramework.blocks.flatMap((b: any) => b.competences);
    expect(competences).toHaveLength(16);
    expect(result.data?.certifications.some((c: any) => c.decisionRule === 'BY_BLOCK')).toBe(true);
  });
});

async function allCandidates(token: string) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = await gql(server.graphqlUrl, CANDIDATES, { first: 7, after }, { token });
    expect(page.errors).toBeUndefined();
    nodes.push(...page.data.candidates.edges.map((e: any) => e.node));
    if (!page.data.candidates.pageInfo.hasNextPage) return { nodes, total: page.data.candidates.totalCount };
    after = page.data.candidates.pageInfo.endCursor;
  }
}

describe('row rules', () => {
  it('shows a partner only its own candidates, page by page, and never another partner’s by id', async () => {
    const a = await allCandidates(tokens['partner-a']);
    const b = await allCandidates(tokens['partner-b']);
    const all = await allCandidates(tokens.admin);
    expect(a.nodes.length).toBe(a.total);
    expect(new Set(a.nodes.map((n) => n.partner.id)).size).toBe(1);
    expect(new Set(b.nodes.map((n) => n.partner.id)).size).toBe(1);
    expect(a.nodes[0].partner.id).not.toBe(b.nodes[0].partner.id);
    expect(a.total + b.total).toBe(all.total);
    expect(all.total).toBe(41); // the 20 journey candidates, 16 for the statistics demo (CQP0107), 1 each for the questionnaire (RS7070), candidate-journey and CléA demos, 2 for the VAE demo
    expect(new Set(a.nodes.map((n) => n.id)).size).toBe(a.total); // no duplicates across pages

    const foreign = b.nodes[0].id;
    const probe = await gql(server.graphqlUrl, 'query ($id: ID!) { candidate(id: $id) { id } }', { id: foreign }, { token: tokens['partner-a'] });
    expect(probe.errors).toBeUndefined();
    expect(probe.data?.candidate).toBeNull();
  });

  it('shows a candidate only themself', async () => {
    const mine = await gql(server.graphqlUrl, '{ myAttempts { id certification { code } } }', {}, { token: tokens.candidate01 });
    expect(mine.data?.myAttempts.length).toBeGreaterThan(0);
    const all = await allCandidates(tokens.admin);
    const others = await Promise.all(
      all.nodes.slice(0, 5).map((n) => gql(server.graphqlUrl, 'query ($id: ID!) { candidate(id: $id) { email } }', { id: n.id }, { token: tokens.candidate01 })),
    );
    const visible = others.map((r) => r.data?.candidate).filter(Boolean);
    expect(visible.every((c: any) => c.email === 'candidate01@demo.certijury.fr')).toBe(true);
  });

  it('shows a juror only the orals of juries they sit on', async () => {
    const juror1 = await gql(server.graphqlUrl, '{ myOrals { id myRole candidateName certification { code } } }', {}, { token: tokens.juror1 });
    const juror5 = await gql(server.graphqlUrl, '{ myOrals { id } }', {}, { token: tokens.juror5 });
    expect(juror1.data?.myOrals.length).toBeGreaterThan(0);
    expect(juror1.data?.myOrals.some((o: any) => o.myRole === 'PRESIDENT')).toBe(true);
    const juror5Ids = new Set(juror5.data?.myOrals.map((o: any) => o.id));
    // juror5 sits on no jury of juror1's orals in the demo: none of them is visible to juror5
    for (const oral of juror1.data?.myOrals ?? []) {
      if (juror5Ids.has(oral.id)) continue;
      const probe = await gql(server.graphqlUrl, 'query ($id: ID!) { oral(id: $id) { id } }', { id: oral.id }, { token: tokens.juror5 });
      expect(probe.data?.oral).toBeNull();
    }
  });
});

describe('partner API keys', () => {
  it('are created by a partner user (secret shown once), act for that partner only, and stop working once revoked', async () => {
    const created = await gql(server.graphqlUrl, 'mutation { createApiKey(name: "ERP Formapro") { secret apiKey { id prefix revokedAt } } }', {}, { token: tokens['partner-a'] });
    expect(created.errors).toBeUndefined();
    const { secret, apiKey } = created.data!.createApiKey;
    expect(secret).toMatch(new RegExp(`^cj_${apiKey.prefix}_`));
    const listed = await gql(server.graphqlUrl, '{ apiKeys { id prefix } }', {}, { token: tokens['partner-a'] });
    // The secret is never shown again. (Its random part is base64url, which may itself hold "_": cut after the prefix.)
    expect(JSON.stringify(listed.data)).not.toContain(secret.slice(`cj_${apiKey.prefix}_`.length));

    const viaKey = await allCandidates(secret);
    const viaUser = await allCandidates(tokens['partner-a']);
    expect(viaKey.total).toBe(viaUser.total);
    expect(new Set(viaKey.nodes.map((n) => n.partner.id))).toEqual(new Set(viaUser.nodes.map((n) => n.partner.id)));
    expect((await gql(server.graphqlUrl, '{ me { id } }', {}, { token: secret })).data?.me).toBeNull();

    const otherPartner = await gql(server.graphqlUrl, 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKey.id }, { token: tokens['partner-b'] });
    expect(otherPartner.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const revoked = await gql(server.graphqlUrl, 'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id }, { token: tokens['partner-a'] });
    expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();
    const refused = await gql(server.graphqlUrl, CANDIDATES, {}, { token: secret });
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await gql(server.graphqlUrl, CANDIDATES, {}, { token: `cj_${apiKey.prefix}_forgedsecretforgedsecret` });
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
