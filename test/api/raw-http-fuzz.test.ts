// No request can end the process (issue 21): a seeded fuzz of raw HTTP requests (random and malformed paths,
// percent-encodings, methods, headers, content types and bodies, written byte for byte on a TCP socket) and of
// WebSocket traffic (random graphql-ws messages, binary and malformed frames, raw bytes after the upgrade) against a
// running server on the loopback. Invariants: the process stays up; every HTTP answer is a 2xx, 3xx or 4xx with a
// JSON or HTML body (an empty one for HEAD and 304); /healthz answers after each batch; and the server never logs
// an error escaping a request handler (its guard would have answered 500: the test sees it in the log).
// Seeded and bounded: RAW_FUZZ_SEED replays a run, RAW_FUZZ_BATCHES bounds it (default 8 batches, about 30 s).
import { connect } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_HANDLER_FAILED } from '../../server/src/http/server.ts';
import { startIsolatedServer, type TestServer } from '../support/server.ts';

const SEED = Number(process.env.RAW_FUZZ_SEED ?? 20261207);
const BATCHES = Number(process.env.RAW_FUZZ_BATCHES ?? 8);
const REQUESTS_PER_BATCH = 48;
const SOCKETS_PER_BATCH = 6;

/** mulberry32: a small seeded PRNG, so that a failing run can be replayed exactly. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
  return { next, int, pick, bytes };
}

let server: TestServer;
let dir = '';
let host = '';
let port = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certijury-fuzz-'));
  mkdirSync(join(dir, 'dist/assets'), { recursive: true });
  writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><title>app</title>');
  server = await startIsolatedServer({ env: { NODE_ENV: 'production', CLIENT_DIST: join(dir, 'dist'), MAX_BODY_BYTES: '50000', MAX_UPLOAD_BYTES: '50000', LOG_LEVEL: 'error' } });
  const url = new URL(server.url);
  host = '127.0.0.1';
  port = Number(url.port);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const BASE_PATHS = [
  '/', '/graphql', '/healthz', '/readyz', '/admin', '/partner/explorer', '/appeal/abc', '/assets/none.js', '/uploads/project-file', '/uploads/appeal-attachment',
  '/uploads/experience-evidence', '/downloads/appeal-attachments/', '/downloads/experience-evidence/', '/downloads/cdc-batches/', '/credentials/', '/certificates/',
  '/issuers/', '//', '/..', '/%2e%2e/%2e%2e/etc/passwd', '/graphql/', '/GRAPHQL', '*', 'http://[', 'http://example.org/graphql',
];
const SUFFIXES = ['', '%', '%zz', '%00', '%2e%2e%2f', '%c0%af', '%ff%fe', '%E0%A4%A', '00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000.pdf', 'x'.repeat(3000), '\u00e9', '..%5c..%5c', ';jsessionid=1', '#frag'];
const QUERIES = ['', '?', '?query=%7B__typename%7D', '?query=%7B', '?query=%00', '?attemptId=%', '?token=abc&token=def', '?variables=%7B%22a%22%3A%5Cud800%7D', '?a[]=1&a[b]=2'];
const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'FOO', 'get', 'G@T'];
const CONTENT_TYPES = [undefined, 'application/json', 'application/json; charset=latin1', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=xyz', 'application/x-www-form-urlencoded', 'application/graphql-response+json', '\u00ff\u00fe', 'a'.repeat(500)];
const ACCEPTS = [undefined, '*/*', 'text/html', 'application/json', 'application/graphql-response+json', 'application/json;q=0, text/html;q=0', 'image/png', ';;;'];
const AUTHORIZATIONS = [undefined, 'Bearer', 'Bearer x', 'Bearer cj_000000000000_aaaaaaaaaaaa', 'Bearer cjs_' + 'a'.repeat(43), 'Basic Zm9vOmJhcg==', 'Bearer \u00e9\u00e9'];
const LANGUAGES = [undefined, 'fr', 'en', 'en-US,en;q=0.9', 'zz', '*', ','.repeat(100)];

function randomBody(rnd: ReturnType<typeof prng>): Buffer {
  switch (rnd.int(9)) {
    case 0: return Buffer.alloc(0);
    case 1: return Buffer.from(JSON.stringify({ query: rnd.pick(['{ __typename }', '{ certifications { code } }', '{', 'mutation { logout }', '{ __schema { types { name } } }', 'subscription { x }']), variables: rnd.pick([undefined, null, 3, 'x', { a: '\ud800' }, { a: 'a\u0000' }, []]) }));
    case 2: return Buffer.from(rnd.pick(['{"query":', '{"query": "{ __typename }"}}', 'null', '[]', '[{"query":"{ __typename }"}]', '"\\ud800"', '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"x"}}}']));
    case 3: return rnd.bytes(rnd.int(2000));
    case 4: return Buffer.concat([Buffer.from('{"query":"{ __typename }","variables":{"a":"'), Buffer.from([0, 0xff, 0xfe, 0xc3]), Buffer.from('"}}')]);
    case 5: return Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a\u2019b.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n--xyz--\r\n');
    case 6: return Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\n' + 'x'.repeat(rnd.int(60_000)));
    case 7: return Buffer.from('query=%7B__typename%7D&x=%');
    default: return Buffer.from('x'.repeat(rnd.int(70_000)));
  }
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  method: string;
  request: string;
}

/** One raw request on its own TCP connection (`Connection: close`); resolves with the parsed answer, or null if none. */
function rawRequest(rnd: ReturnType<typeof prng>): Promise<RawAnswer | null> {
  const method = rnd.pick(METHODS);
  const path = rnd.pick(BASE_PATHS) + rnd.pick(SUFFIXES) + rnd.pick(QUERIES);
  const headers: string[] = [`Host: ${host}:${port}`, 'Connection: close'];
  const add = (name: string, value: string | undefined) => value !== undefined && headers.push(`${name}: ${value}`);
  add('Content-Type', rnd.pick(CONTENT_TYPES));
  add('Accept', rnd.pick(ACCEPTS));
  add('Authorization', rnd.pick(AUTHORIZATIONS));
  add('Accept-Language', rnd.pick(LANGUAGES));
  if (rnd.int(8) === 0) add('X-Forwarded-For', rnd.pick(['1.2.3.4', '::1', 'garbage', '']));
  if (rnd.int(10) === 0) add('Apollo-Require-Preflight', 'true');
  if (rnd.int(12) === 0) add('If-None-Match', '"x"');
  if (rnd.int(15) === 0) headers.push(rnd.pick(['X-Bad Header: x', 'NoColon', `X-Long: ${'a'.repeat(20_000)}`, 'Transfer-Encoding: chunked', 'Content-Length: -1', 'Content-Length: abc']));
  const body = method === 'GET' || method === 'HEAD' ? (rnd.int(6) === 0 ? rnd.bytes(rnd.int(100)) : Buffer.alloc(0)) : randomBody(rnd);
  const chunked = rnd.int(6) === 0;
  if (chunked) headers.push('Transfer-Encoding: chunked');
  else if (body.length || method === 'POST') headers.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(`${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1');
  const payload = chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body;
  const request = `${method} ${path.slice(0, 200)} (${body.length} bytes${chunked ? ', chunked' : ''})`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 10 s to ${request}`));
    }, 10_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset after the answer (an oversized body) is fine
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks);
      if (raw.length === 0) return resolve({ status: 0, headers: {}, body: raw, method, request });
      const end = raw.indexOf('\r\n\r\n');
      const lines = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0])?.[1] ?? 0);
      const parsed: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let content = end < 0 ? Buffer.alloc(0) : raw.subarray(end + 4);
      if (parsed['transfer-encoding'] === 'chunked') content = dechunk(content);
      resolve({ status, headers: parsed, body: content, method, request });
    });
    socket.write(Buffer.concat([head, payload]));
  });
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(offset, lineEnd).toString(), 16);
    if (!size) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function checkAnswer(answer: RawAnswer | null, problems: string[]) {
  if (!answer || !answer.status) return; // counted as a cut: none is allowed (see the test)
  const where = `${answer.request} → ${answer.status}`;
  if (answer.status < 200 || answer.status >= 500) problems.push(`status: ${where} ${answer.body.subarray(0, 200).toString()}`);
  if (answer.method === 'HEAD' || answer.status === 304) return;
  const type = answer.headers['content-type'] ?? '';
  if (!/json|text\/html/.test(type)) problems.push(`content type "${type}": ${where}`);
  if (answer.body.length === 0) problems.push(`empty body: ${where}`);
  else if (/json/.test(type)) {
    try {
      JSON.parse(answer.body.toString('utf8'));
    } catch {
      problems.push(`body is not JSON: ${where} ${answer.body.subarray(0, 200).toString()}`);
    }
  }
}

/** Random graphql-ws traffic on one socket, or raw bytes after the upgrade; resolves when the socket is done. */
function socketSession(rnd: ReturnType<typeof prng>): Promise<void> {
  if (rnd.int(4) === 0) {
    return new Promise((resolve) => {
      const socket = connect(port, host);
      const key = Buffer.from(rnd.bytes(16)).toString('base64');
      socket.on('error', () => undefined);
      socket.on('close', () => resolve());
      socket.write(`GET /graphql HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`);
      setTimeout(() => socket.write(rnd.bytes(1 + rnd.int(300))), 50);
      setTimeout(() => socket.destroy(), 400);
    });
  }
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${host}:${port}/graphql`, rnd.pick(['graphql-transport-ws', 'graphql-ws', 'nonsense']));
    const done = setTimeout(() => ws.terminate(), 600);
    ws.on('error', () => undefined);
    ws.on('close', () => {
      clearTimeout(done);
      resolve();
    });
    ws.on('open', () => {
      const messages = [
        () => JSON.stringify({ type: 'connection_init', payload: rnd.pick([undefined, null, {}, { authorization: 'Bearer x' }, { authorization: 3 }, { locale: 'en' }, 'x']) }),
        () => JSON.stringify({ type: 'subscribe', id: rnd.pick(['1', '', 1, null, 'x'.repeat(1000)]), payload: rnd.pick([{ query: '{ __typename }' }, { query: '{ __schema { types { name } } }' }, { query: 3 }, null, { query: '{ certifications { code } }', variables: { a: '\ud800' } }, { query: 'subscription { nope }' }]) }),
        () => JSON.stringify({ type: rnd.pick(['ping', 'pong', 'complete', 'next', 'error', 'connection_ack', 'bogus']), id: '1', payload: rnd.pick([undefined, {}, []]) }),
        () => rnd.pick(['{', 'null', '[]', '"x"', '{"type":null}', '\u0000']),
        () => rnd.bytes(rnd.int(500)),
        () => 'x'.repeat(rnd.pick([10, 70_000])),
      ];
      const count = 1 + rnd.int(6);
      for (let i = 0; i < count; i++) {
        const message = rnd.pick(messages)();
        if (ws.readyState === WebSocket.OPEN) ws.send(message, { binary: Buffer.isBuffer(message) && rnd.int(2) === 0 });
      }
    });
  });
}

describe('raw HTTP and WebSocket fuzz', () => {
  it(`keeps the process up and answers every request with 2xx-4xx JSON or HTML (seed ${SEED})`, async () => {
    const rnd = prng(SEED);
    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    const cuts: string[] = [];
    for (let batch = 0; batch < BATCHES; batch++) {
      const answers = await Promise.all(Array.from({ length: REQUESTS_PER_BATCH }, () => rawRequest(rnd)));
      for (const answer of answers) {
        checkAnswer(answer, problems);
        const key = answer?.status ? String(answer.status) : 'cut';
        if (answer && !answer.status) cuts.push(answer.request);
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
      await Promise.all(Array.from({ length: SOCKETS_PER_BATCH }, () => socketSession(rnd)));
      expect(server.process.exitCode, `the server exited during batch ${batch}`).toBeNull();
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status, `/healthz after batch ${batch}`).toBe(200);
    }
    console.info(`raw HTTP fuzz (seed ${SEED}): ${BATCHES * REQUESTS_PER_BATCH} requests, answers by status ${JSON.stringify(statuses)}`);
    if (process.env.RAW_FUZZ_DEBUG) console.info(cuts.join('\n'));
    expect(problems.slice(0, 20)).toEqual([]);
    // Every body here is within the drain allowance past MAX_BODY_BYTES: every request gets an answer.
    expect(cuts.slice(0, 20)).toEqual([]);
    expect(server.output()).not.toContain(REQUEST_HANDLER_FAILED);
    expect(server.output()).not.toMatch(/unhandled promise rejection|uncaught/i);
  }, 90_000);
});
