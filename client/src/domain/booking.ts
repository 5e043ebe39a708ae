import type { BookableSlot, ExamSessionSummary, SlotAvailabilityEvent } from '../graphql/types';

export interface SessionGroup {
  session: ExamSessionSummary;
  slots: BookableSlot[];
}

/** Bookable slots grouped by session, in the order the server gives them (soonest first). */
export function groupBySession(slots: readonly BookableSlot[]): SessionGroup[] {
  const groups = new Map<string, SessionGroup>();
  for (const slot of slots) {
    let group = groups.get(slot.session.id);
    if (!group) {
      group = { session: slot.session, slots: [] };
      groups.set(slot.session.id, group);
    }
    group.slots.push(slot);
  }
  for (const group of groups.values()) group.slots.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return [...groups.values()].sort((a, b) => Date.parse(a.slots[0]!.startsAt) - Date.parse(b.slots[0]!.startsAt));
}

/**
 * A live seat count applied to the slots shown: SLOT_AVAILABILITY_CHANGED carries the seats taken (and
 * the capacity). Answers null when the event cannot be applied (another kind, or an unknown slot): reload.
 */
export function applyAvailability(slots: readonly BookableSlot[], event: SlotAvailabilityEvent): BookableSlot[] | null {
  if (event.type !== 'SLOT_AVAILABILITY_CHANGED' || !event.slotId || event.bookedCount === null) return null;
  const index = slots.findIndex((slot) => slot.id === event.slotId);
  if (index < 0) return null;
  const slot = slots[index]!;
  const capacity = event.capacity ?? slot.capacity;
  const bookedCount = event.bookedCount;
  const next = [...slots];
  next[index] = { ...slot, capacity, bookedCount, remaining: Math.max(0, capacity - bookedCount) };
  return next;
}

/** Where the oral takes place, by mode: the place on site, the video link remotely, both when mixed. */
export function showsPlace(session: Pick<ExamSessionSummary, 'mode' | 'place'>): boolean {
  return session.mode !== 'REMOTE' && Boolean(session.place);
}

export function showsRemoteLink(session: Pick<ExamSessionSummary, 'mode' | 'remoteLink'>): boolean {
  return session.mode !== 'ON_SITE' && Boolean(session.remoteLink);
}
