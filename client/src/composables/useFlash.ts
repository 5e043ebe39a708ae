import { ref } from 'vue';

/** A message for the next page (e.g. "slot booked" after going back to the journey), read once. */
const pending = ref('');

export function setFlash(message: string): void {
  pending.value = message;
}

export function takeFlash(): string {
  const message = pending.value;
  pending.value = '';
  return message;
}
