// Stored files against a real server (issue 21): a file named outside Latin-1 downloads with an RFC 6266
// Content-Disposition (it used to drop the connection), and the attachments one result may receive (anyone holding
// its contest link may upload, without signing in) are capped in count and bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { MAX_ATTACHMENTS_PER_RESULT, ATTACHMENTS_MAX_TOTAL_BYTES_PER_RESULT, attachmentFits } from '../../server/src/modules/appeal/appeal.rules.ts';

let server: TestServer;
let token = '';
let attemptId = '';
const pdf = (n: number) => Buffer.from(`%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog /N ${n} >>\nendobj\n\n%%EOF\n`);

async function upload(filename: string, n: number) {
  const form = new FormData();
  form.append('file', new Blob([pdf(n)]), filename);
  const response = await fetch(`${server.url}/uploads/appeal-attachment?attemptId=${attemptId}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' }, body: form });
  return { status: response.status, body: (await response.json()) as { attachmentId?: string; errors?: { message: string; extensions: { code: string } }[] } };
}

beforeAll(async () => {
  server = await startIsolatedServer();
  token = await loginAs(server.graphqlUrl, 'candidate17@demo.certijury.fr');
  attemptId = (await gql<{ myAttempts: { id: string }[] }>(server.graphqlUrl, '{ myAttempts { id } }', {}, { token })).data!.myAttempts[0].id;
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('stored files', () => {
  it('downloads a file whose name is outside Latin-1, with filename* and an ASCII fallback', async () => {
    const name = 'Attestation d’employeur – 2024.pdf';
    const uploaded = await upload(name, 0);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const submitted = await gql(server.graphqlUrl, 'mutation ($attemptId: ID!, $input: AppealInput!) { submitAppeal(attemptId: $attemptId, input: $input) { id attachments { filename } } }', {
      attemptId,
      input: { statement: "Je conteste l'évaluation : l'attestation de mon employeur n'a pas été lue.", attachmentIds: [uploaded.body.attachmentId] },
    }, { token });
    expect(submitted.errors).toBeUndefined();
    const response = await fetch(`${server.url}/downloads/appeal-attachments/${uploaded.body.attachmentId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, server.output().slice(-2000)).toBe(200);
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe(name);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf(0))).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('caps the attachments of one result in count and in bytes', async () => {
    expect(attachmentFits({ count: 0, bytes: ATTACHMENTS_MAX_TOTAL_BYTES_PER_RESULT }, 1)).toBe(false);
    expect(attachmentFits({ count: 0, bytes: ATTACHMENTS_MAX_TOTAL_BYTES_PER_RESULT - 1 }, 1)).toBe(true);
    // One is already there (the test above); fill up to the cap, then one more is refused, before its body is stored.
    for (let n = 1; n < MAX_ATTACHMENTS_PER_RESULT; n++) expect((await upload(`piece-${n}.pdf`, n)).status).toBe(201);
    const refused = await upload('one-too-many.pdf', 999);
    expect(refused.status).toBe(413);
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED' }, message: expect.stringMatching(/most attachments allowed/) });
  });
});
