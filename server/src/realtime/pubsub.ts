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
  /** Told when an event has gone into a subscriber's stream (for the delivery-lag metric). */
  delivered(event: RoomEvent): void;
  /** Registers synchronously (events published after this call reach the listener); returns the unsubscribe. */
  listen(room: string, listener: (event: RoomEvent) => void): () => void;
  close(): Promise<void>;
}

const topic = (room: string) => `certijury:room:${room}`;

/** Who watches the pub/sub (the metrics): each publication, each delivery, each Redis reconnection. */
export interface PubSubObserver {
  published(event: RoomEvent): void;
  delivered(event: RoomEvent): void;
  reconnecting(): void;
}

export function createPubSub(redisUrl?: string, observer?: PubSubObserver): PubSub {
  let target: EventTarget;
  let clients: Redis[] = [];
  if (redisUrl) {
    const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    clients = [publishClient, subscribeClient];
    for (const client of clients) client.on('reconnecting', () => observer?.reconnecting());
    target = createRedisEventTarget({ publishClient, subscribeClient }) as unknown as EventTarget;
  } else {
    target = new EventTarget();
  }
  return {
    kind: redisUrl ? 'redis' : 'memory',
    publish(event) {
      target.dispatchEvent(new CustomEvent(topic(event.room), { detail: event }));
      observer?.published(event);
    },
    delivered(event) {
      observer?.delivered(event);
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
