// Pure rules for exam sessions and their oral slots: what a valid session is, where slots may sit, and
// whether a slot suits a candidate (the oral's length plus accommodation extra time, remote orals).
import { z } from 'zod';
import { ExamMode } from '../../generated/prisma/enums.ts';
import type { AccommodationKind } from '../../generated/prisma/enums.ts';
import type { FieldIssue } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';

export const MAX_SESSION_DAYS = 14;
export const MAX_SLOTS_PER_REQUEST = 200;
export const MAX_SLOT_CAPACITY = 50;

const text = (max: number) => z.string().trim().min(1).max(max);
const httpUrl = z.url({ protocol: /^https?$/ }).max(500);

export const examSessionSchema = z
  .object({
    certificationId: z.union([z.string(), z.number()]),
    title: text(200),
    startsAt: z.date(),
    endsAt: z.date(),
    mode: z.enum(ExamMode),
    place: text(300).nullish(),
    remoteLink: httpUrl.nullish(),
  })
  .superRefine((value, ctx) => {
    const span = value.endsAt.getTime() - value.startsAt.getTime();
    if (!(span > 0 && span <= MAX_SESSION_DAYS * 86_400_000)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: translate('validation.sessionDates') });
    }
    if (value.mode !== 'REMOTE' && !value.place) {
      ctx.addIssue({ code: 'custom', path: ['place'], message: translate('validation.sessionPlace') });
    }
    if (value.mode !== 'ON_SITE' && !value.remoteLink) {
      ctx.addIssue({ code: 'custom', path: ['remoteLink'], message: translate('validation.sessionLink') });
    }
  });

export const slotInputSchema = z.object({
  startsAt: z.date(),
  durationMinutes: z.number().int().min(1).max(600).nullish(),
  capacity: z.number().int().min(1).max(MAX_SLOT_CAPACITY).nullish(),
});

export interface SessionWindow {
  startsAt: Date;
  endsAt: Date;
}

export interface SlotTimes {
  startsAt: Date;
  durationMinutes: number;
}

export const slotEndsAt = (slot: SlotTimes) => new Date(slot.startsAt.getTime() + slot.durationMinutes * 60_000);

const overlaps = (a: SlotTimes, b: SlotTimes) => a.startsAt < slotEndsAt(b) && b.startsAt < slotEndsAt(a);

const formatTime = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/**
 * Problems with new slots for a session, as `["slots", index, field]` issues: each slot lasts at least the
 * oral, lies within the session, and overlaps neither an existing slot nor another new one. (Parallel orals
 * at one time are one slot with a capacity, each seat with its own jury.)
 */
export function slotIssues(session: SessionWindow, oralTotalMinutes: number, existing: SlotTimes[], added: SlotTimes[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  added.forEach((slot, index) => {
    if (slot.durationMinutes < oralTotalMinutes) {
      issues.push({ path: ['slots', index, 'durationMinutes'], message: translate('validation.slotTooShort', { minutes: oralTotalMinutes }) });
    }
    if (slot.startsAt < session.startsAt || slotEndsAt(slot) > session.endsAt) {
      issues.push({
        path: ['slots', index, 'startsAt'],
        message: translate('validation.slotOutsideSession', { from: formatTime(session.startsAt), to: formatTime(session.endsAt) }),
      });
    }
    const clash = [...existing, ...added.slice(0, index)].find((other) => overlaps(slot, other));
    if (clash) issues.push({ path: ['slots', index, 'startsAt'], message: translate('validation.slotOverlap', { at: formatTime(clash.startsAt) }) });
  });
  return issues;
}

export interface CandidateNeeds {
  kinds: AccommodationKind[];
  extraTimeMinutes: number;
}

/** Minutes a candidate's oral takes: the certification's oral plus accommodation extra time. */
export const oralMinutesFor = (oralTotalMinutes: number, needs: CandidateNeeds | null) => oralTotalMinutes + (needs?.extraTimeMinutes ?? 0);

/**
 * Why a slot does not suit a candidate (a message key), or null when it does: it is in the past, too short
 * for the oral with the candidate's extra time, or on site when the candidate's accommodation is a remote oral.
 */
export function slotUnsuitability(
  slot: SlotTimes & { mode: ExamMode },
  oralTotalMinutes: number,
  needs: CandidateNeeds | null,
  now: Date,
): { key: 'validation.slotPast' | 'validation.slotTooShortForAccommodation' | 'validation.slotRemoteRequired'; minutes?: number } | null {
  if (slot.startsAt <= now) return { key: 'validation.slotPast' };
  const minutes = oralMinutesFor(oralTotalMinutes, needs);
  if (slot.durationMinutes < minutes) return { key: 'validation.slotTooShortForAccommodation', minutes };
  if (needs?.kinds.includes('REMOTE_ORAL') && slot.mode === 'ON_SITE') return { key: 'validation.slotRemoteRequired' };
  return null;
}
