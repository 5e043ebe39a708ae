// One typed pub/sub for room events: an in-process EventTarget by default, Redis (through
// @graphql-yoga/redis-event-target) when REDIS_URL is set, so several server processes share events.
// Delivery is at most once: the event log (event-log.ts) is the truth, pub/sub only wakes subscribers up.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';

export interface RoomEvent {
  room: string;
  seq: number;
  type: string;
  /** Ids and small facts only; subscribers reload what the viewer may see. */
  payload: Record<string, unknown>;
  at: string;
}

export interface PubSub {
  kind: 'memory' | 'redis';
  publish(event: RoomEvent): void;
  /** Registers synchronously (events published after this call reach the listener); returns the unsubscribe. */
  listen(room: string, listener: (event: RoomEvent) => void): () => void;
  close(): Promise<void>;
}

const topic = (room: string) => `certijury:room:${room}`;

export function createPubSub(redisUrl?: string): PubSub {
  let target: EventTarget;
  let clients: Redis[] = [];
  if (redisUrl) {
    const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    clients = [publishClient, subscribeClient];
    target = createRedisEventTarget({ publishClient, subscribeClient }) as unknown as EventTarget;
  } else {
    target = new EventTarget();
  }
  return {
    kind: redisUrl ? 'redis' : 'memory',
    publish(event) {
      target.dispatchEvent(new CustomEvent(topic(event.room), { detail: event }));
    },
    listen(room, listener) {
      const handler = (event: Event) => listener((event as CustomEvent<RoomEvent>).detail);
      target.addEventListener(topic(room), handler);
      return () => target.removeEventListener(topic(room), handler);
    },
    async close() {
      await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
    },
  };
}
