// What every part of the demo seed shares: stable ids and the shape of a demo login. Its own file, so the
// seed's parts (seed-*.ts) depend on it and seed.ts depends on them, one way.
import { createHash } from 'node:crypto';

export type DemoRole = 'ADMIN' | 'PARTNER' | 'JUROR' | 'CANDIDATE';
export interface DemoLogin {
  role: DemoRole;
  email: string;
  note: string;
}
export type DemoLogins = DemoLogin[];

/** A stable UUID-shaped id (version 5 layout) derived from a name, so demo URLs survive a re-seed. */
export function demoId(name: string): string {
  const h = createHash('sha256').update(`certijury-demo:${name}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
