import { describe, expect, it } from 'vitest';
import { examSessionSchema, slotIssues, slotUnsuitability } from './exam-session.rules.ts';

const t = (hhmm: string) => new Date(`2027-01-12T${hhmm}:00Z`);
const session = { startsAt: t('08:00'), endsAt: t('18:00') };

describe('exam sessions', () => {
  const base = { certificationId: 'c', title: 'Session', startsAt: t('08:00'), endsAt: t('18:00') };
  const paths = (value: unknown) => {
    const result = examSessionSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
  };
  it('asks for a place on site, a link remotely, both when mixed', () => {
    expect(paths({ ...base, mode: 'ON_SITE', place: 'Lyon' })).toEqual([]);
    expect(paths({ ...base, mode: 'ON_SITE' })).toEqual(['place']);
    expect(paths({ ...base, mode: 'REMOTE' })).toEqual(['remoteLink']);
    expect(paths({ ...base, mode: 'MIXED' })).toEqual(['place', 'remoteLink']);
    expect(paths({ ...base, mode: 'REMOTE', remoteLink: 'ftp://visio.fr' })).toEqual(['remoteLink']);
  });
  it('ends after it starts, within 14 days', () => {
    expect(paths({ ...base, endsAt: base.startsAt, mode: 'ON_SITE', place: 'Lyon' })).toEqual(['endsAt']);
    expect(paths({ ...base, endsAt: new Date(base.startsAt.getTime() + 15 * 86_400_000), mode: 'ON_SITE', place: 'Lyon' })).toEqual(['endsAt']);
  });
});

describe('slots', () => {
  it('accepts back-to-back slots of at least the oral within the session', () => {
    const added = [{ startsAt: t('08:00'), durationMinutes: 30 }, { startsAt: t('08:30'), durationMinutes: 30 }, { startsAt: t('17:30'), durationMinutes: 30 }];
    expect(slotIssues(session, 30, [], added)).toEqual([]);
  });
  it('refuses short, outside and overlapping slots, one issue each, with its index', () => {
    const issues = slotIssues(session, 30, [{ startsAt: t('09:00'), durationMinutes: 45 }], [
      { startsAt: t('10:00'), durationMinutes: 20 },
      { startsAt: t('17:45'), durationMinutes: 30 },
      { startsAt: t('09:30'), durationMinutes: 30 },
      { startsAt: t('07:59'), durationMinutes: 30 },
      { startsAt: t('12:00'), durationMinutes: 30 },
      { startsAt: t('12:15'), durationMinutes: 30 },
    ]);
    expect(issues.map((issue) => issue.path)).toEqual([
      ['slots', 0, 'durationMinutes'],
      ['slots', 1, 'startsAt'],
      ['slots', 2, 'startsAt'],
      ['slots', 3, 'startsAt'],
      ['slots', 5, 'startsAt'],
    ]);
  });
  it('suits a candidate only in the future, with room for extra time, remote when required', () => {
    const now = t('07:00');
    const slot = { startsAt: t('09:00'), durationMinutes: 40, mode: 'ON_SITE' as const };
    expect(slotUnsuitability(slot, 30, null, now)).toBeNull();
    expect(slotUnsuitability(slot, 30, { kinds: ['EXTRA_TIME'], extraTimeMinutes: 10 }, now)).toBeNull();
    expect(slotUnsuitability(slot, 30, { kinds: ['EXTRA_TIME'], extraTimeMinutes: 11 }, now)).toEqual({ key: 'validation.slotTooShortForAccommodation', minutes: 41 });
    expect(slotUnsuitability(slot, 30, { kinds: ['REMOTE_ORAL'], extraTimeMinutes: 0 }, now)).toEqual({ key: 'validation.slotRemoteRequired' });
    expect(slotUnsuitability({ ...slot, mode: 'MIXED' }, 30, { kinds: ['REMOTE_ORAL'], extraTimeMinutes: 0 }, now)).toBeNull();
    expect(slotUnsuitability(slot, 30, null, t('09:00'))).toEqual({ key: 'validation.slotPast' });
  });
});
