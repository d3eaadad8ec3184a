/**
 * The relay's fan-out over Redis: one pub/sub channel per plan, which a process listens to
 * while it has the plan open, and SET NX keys for work done once per plan.
 *
 * provider -> server A -> PostgreSQL, then Redis -> server B -> B's providers
 *
 * Redis only carries news of what is already stored, so losing it loses nothing: while it
 * is away each process goes on serving its own sockets, and once it is back every open
 * plan is read again from storage and the others are told to do the same.
 */
import { randomUUID } from 'node:crypto';
import type { FanOutListener, PlanMessage, RelayFanOut } from '@plenary/relay';
import { Redis } from 'ioredis';

/** Prefix of every key and channel Plenary uses, so a shared Redis stays tidy. */
const PREFIX = 'plenary:';
const CHANNEL_PREFIX = `${PREFIX}plan:`;

/** How a message travels: JSON, with its bytes in base64. */
interface WireMessage {
  /** The process that sent it; a process ignores its own. */
  from: string;
  message: Record<string, unknown>;
}

const BYTE_FIELDS = ['update'] as const;

function encode(from: string, message: PlanMessage): string {
  const wire: Record<string, unknown> = { ...message };
  for (const field of BYTE_FIELDS) {
    const value = wire[field];
    if (value instanceof Uint8Array) wire[field] = Buffer.from(value).toString('base64');
  }
  return JSON.stringify({ from, message: wire } satisfies WireMessage);
}

function decode(text: string): WireMessage {
  const wire = JSON.parse(text) as WireMessage;
  for (const field of BYTE_FIELDS) {
    const value = wire.message[field];
    if (typeof value === 'string')
      wire.message[field] = new Uint8Array(Buffer.from(value, 'base64'));
  }
  return wire;
}

/** Whether the link to Redis works, for `/api/health`. */
export type RedisLinkState = 'connected' | 'unreachable';

/** A logger for the link's comings and goings. */
interface LinkLogger {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
}

/** The fan-out between the Plenary processes that share one Redis. */
export class RedisFanOut implements RelayFanOut {
  /** This process's name on the bus. */
  readonly processId = randomUUID();
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private listener: FanOutListener | null = null;
  private closed = false;

  constructor(url: string, logger: LinkLogger) {
    // Commands fail at once while Redis is away instead of queueing without bound: a
    // lost message is made good by reading storage once the link is back.
    this.commands = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(url, { maxRetriesPerRequest: null });
    for (const connection of [this.commands, this.subscriber]) {
      // Without a listener an unreachable Redis would end the process; ioredis retries.
      connection.on('error', (error: Error) => {
        if (!this.closed) logger.warn({ err: error }, 'Redis link failed; retrying');
      });
    }
    for (const connection of [this.commands, this.subscriber]) {
      let wasReady = false;
      connection.on('ready', () => {
        if (wasReady && !this.closed) {
          void this.listeningAgain().then((listening) => {
            if (!listening || this.closed) return;
            logger.info({}, 'Redis link is back; reading open plans from storage again');
            this.listener?.onReconnected();
          });
        }
        wasReady = true;
      });
    }
    this.subscriber.on('message', (channel: string, text: string) => {
      if (!channel.startsWith(CHANNEL_PREFIX)) return;
      let wire: WireMessage;
      try {
        wire = decode(text);
      } catch {
        return;
      }
      if (wire.from === this.processId) return;
      this.listener?.onMessage(
        channel.slice(CHANNEL_PREFIX.length),
        wire.message as unknown as PlanMessage,
      );
    });
  }

  /**
   * Resolves true once the subscriber hears its plans' channels again after a reconnect, or
   * false if it is not up (its own 'ready' asks again). ioredis emits 'ready' before it sends
   * the SUBSCRIBE that takes the plans back: reading storage then would leave a gap, as news
   * published between that read and the SUBSCRIBE reaches neither. A PING sent after the
   * SUBSCRIBE (one pass later, on the same connection) is answered only after it.
   */
  private async listeningAgain(): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.subscriber.status !== 'ready') return false;
    try {
      await this.subscriber.ping();
      return true;
    } catch {
      return false;
    }
  }

  /** Whether both connections to Redis are up right now. */
  get state(): RedisLinkState {
    return this.commands.status === 'ready' && this.subscriber.status === 'ready'
      ? 'connected'
      : 'unreachable';
  }

  listen(listener: FanOutListener): void {
    this.listener = listener;
  }

  async subscribe(planId: string): Promise<void> {
    const subscribed = this.subscriber.subscribe(CHANNEL_PREFIX + planId);
    // While Redis is away the plan still opens; ioredis subscribes once it is back.
    if (this.subscriber.status === 'ready') await subscribed;
    else subscribed.catch(() => undefined);
  }

  unsubscribe(planId: string): void {
    this.subscriber.unsubscribe(CHANNEL_PREFIX + planId).catch(() => undefined);
  }

  publish(planId: string, message: PlanMessage): void {
    this.commands
      .publish(CHANNEL_PREFIX + planId, encode(this.processId, message))
      .catch(() => undefined);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    try {
      const taken = await this.commands.set(
        `${PREFIX}claim:${key}`,
        this.processId,
        'PX',
        ttlMs,
        'NX',
      );
      return taken === 'OK';
    } catch {
      return false;
    }
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([this.commands.quit(), this.subscriber.quit()]);
    this.commands.disconnect();
    this.subscriber.disconnect();
  }
}
