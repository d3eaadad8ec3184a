import { CloseCode } from '@plenary/model';
import type { FrameWeight } from './frameWeight.ts';
import { TokenBucket } from './TokenBucket.ts';

/** How much one socket, or one participant's sockets together, may send. */
export interface RateBudget {
  /** Document frames (updates, sync and save requests) a second, sustained. */
  framesPerSecond: number;
  /** Document frames that may come at once. */
  frameBurst: number;
  /** Bytes a second of every frame, sustained. */
  bytesPerSecond: number;
  /** Bytes that may come at once: a 20-page paste fits several times. */
  byteBurst: number;
}

/** The limits that keep one socket or one participant from taking everyone's share. */
export interface FairShareLimits {
  socket: RateBudget;
  participant: RateBudget;
  /** Presence frames a second a socket may send about its own client, sustained. */
  presencePerSecond: number;
  /** Presence frames that may come at once (a selection dragged with the mouse). */
  presenceBurst: number;
  /** "Send me everyone's presence" frames a minute; the stock client never sends one. */
  presenceQueriesPerMinute: number;
  /** Largest presence state, in bytes of its JSON. */
  maxPresenceBytes: number;
  /** Sockets one participant may hold open at once; a new one closes the oldest. */
  maxSocketsPerParticipant: number;
  /** Bytes waiting to be sent to a socket beyond which it is closed as too slow. */
  maxUnsentBytes: number;
  /**
   * How full (0-1) a participant's budgets must be again before a participant closed for
   * going over them may connect again; until then a new socket is closed with 4529 at
   * once. 0: whenever they are not in debt.
   */
  refillBeforeReconnect: number;
}

/**
 * The default limits. A 20-page paste (some 63,000 characters with headings, lists and
 * bold) is one update of 108 KB in suggesting mode, 172 KB in Khmer (pasteWeight.test.ts
 * in the editor package); fast typing is 10-20 frames a second.
 */
export const DEFAULT_FAIR_SHARE: FairShareLimits = {
  socket: {
    framesPerSecond: 50,
    frameBurst: 300,
    bytesPerSecond: 128 * 1024,
    byteBurst: 1024 * 1024,
  },
  participant: {
    framesPerSecond: 100,
    frameBurst: 600,
    bytesPerSecond: 256 * 1024,
    byteBurst: 2 * 1024 * 1024,
  },
  presencePerSecond: 60,
  presenceBurst: 300,
  presenceQueriesPerMinute: 12,
  maxPresenceBytes: 16 * 1024,
  maxSocketsPerParticipant: 8,
  maxUnsentBytes: 4 * 1024 * 1024,
  refillBeforeReconnect: 0.5,
};

/** Why a frame was refused: the close code and the reason the client is told. */
export interface ShareRefusal {
  code: number;
  reason: string;
}

/** The counters of one participant, across their sockets and their reconnects. */
interface ParticipantShare {
  frames: TokenBucket;
  bytes: TokenBucket;
  sockets: FairShareSocket[];
  /** Closed for going over their share, and not refilled enough since (see `open`). */
  overBudget: boolean;
}

// A query answers with every state in the plan, so a few are all anyone needs.
const PRESENCE_QUERY_BURST = 3;

/**
 * Counts what each socket and each participant sends against `FairShareLimits`. A
 * participant's counters outlive their sockets, so reconnecting does not refill them.
 * Never keyed by address: fifty people at a venue share one.
 */
export class FairShare {
  private readonly participants = new Map<string, ParticipantShare>();

  constructor(
    readonly limits: FairShareLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Why a new socket of a participant just closed for going over their share is refused
   * (for the caller to close it with at once), or null. Refused until their budgets are
   * `refillBeforeReconnect` full again: the stock client reconnects 200 ms after a socket
   * that synced is closed, but backs off (doubling up to 2.5 s) while its sockets are
   * closed before they sync. A flooder otherwise came back five times a second, each time
   * with everything typed meanwhile, for a few frames' worth of budget. An honest client
   * keeps what it typed and sends it on the next connect.
   */
  refusalFor(participantId: string | null): ShareRefusal | null {
    const participant = participantId === null ? undefined : this.participants.get(participantId);
    if (!participant?.overBudget) return null;
    const now = this.clock();
    const share = this.limits.refillBeforeReconnect;
    const waitMs = Math.max(
      participant.frames.msUntil(share, now),
      participant.bytes.msUntil(share, now),
    );
    if (waitMs === 0) {
      participant.overBudget = false;
      return null;
    }
    return {
      code: CloseCode.RATE_LIMITED,
      reason: `this participant sent changes too fast; reconnect in ${Math.ceil(waitMs / 1000)} s`,
    };
  }

  /**
   * Starts counting a new socket. `evicted` lists the same participant's oldest sockets
   * beyond `maxSocketsPerParticipant`, for the caller to close.
   */
  open(participantId: string | null): { socket: FairShareSocket; evicted: FairShareSocket[] } {
    const now = this.clock();
    this.forgetIdleParticipants(now);
    let participant: ParticipantShare | null = null;
    if (participantId !== null) {
      participant = this.participants.get(participantId) ?? {
        frames: new TokenBucket(
          this.limits.participant.framesPerSecond,
          this.limits.participant.frameBurst,
          now,
        ),
        bytes: new TokenBucket(
          this.limits.participant.bytesPerSecond,
          this.limits.participant.byteBurst,
          now,
        ),
        sockets: [],
        overBudget: false,
      };
      this.participants.set(participantId, participant);
    }
    const socket = new FairShareSocket(this.limits, participant, this.clock, now);
    if (!participant) return { socket, evicted: [] };
    participant.sockets.push(socket);
    const excess = participant.sockets.length - this.limits.maxSocketsPerParticipant;
    return { socket, evicted: excess > 0 ? participant.sockets.slice(0, excess) : [] };
  }

  /** How many participants' counters are kept (for tests and health). */
  get trackedParticipants(): number {
    return this.participants.size;
  }

  // Counters that are full again owe nothing and can go; the others must stay, or a
  // flooder would reconnect to a fresh budget.
  private forgetIdleParticipants(now: number): void {
    for (const [id, participant] of this.participants) {
      if (
        participant.sockets.length === 0 &&
        participant.frames.isFull(now) &&
        participant.bytes.isFull(now)
      ) {
        this.participants.delete(id);
      }
    }
  }
}

/** The counters of one socket. */
export class FairShareSocket {
  private readonly frames: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly presence: TokenBucket;
  private readonly queries: TokenBucket;
  private evicted: () => void = () => undefined;

  constructor(
    private readonly limits: FairShareLimits,
    private readonly participant: ParticipantShare | null,
    private readonly clock: () => number,
    now: number,
  ) {
    this.frames = new TokenBucket(limits.socket.framesPerSecond, limits.socket.frameBurst, now);
    this.bytes = new TokenBucket(limits.socket.bytesPerSecond, limits.socket.byteBurst, now);
    this.presence = new TokenBucket(limits.presencePerSecond, limits.presenceBurst, now);
    this.queries = new TokenBucket(limits.presenceQueriesPerMinute / 60, PRESENCE_QUERY_BURST, now);
  }

  /**
   * Charges one incoming frame (as `weighFrame` read it); null when it is within the share, or the refusal.
   * `ownClientId` is the Yjs client this socket's presence speaks for (null before its
   * first presence frame): the stock client echoes everyone else's presence back, and
   * those echoes, which the room drops, cost only their bytes.
   */
  admit(data: Uint8Array, weight: FrameWeight, ownClientId: number | null): ShareRefusal | null {
    const refusal = this.charge(data, weight, ownClientId);
    // Closed for going too fast: the participant's next socket waits for a refill (see
    // `FairShare.refusalFor`).
    if (refusal?.code === CloseCode.RATE_LIMITED && this.participant) {
      this.participant.overBudget = true;
    }
    return refusal;
  }

  private charge(
    data: Uint8Array,
    weight: FrameWeight,
    ownClientId: number | null,
  ): ShareRefusal | null {
    const now = this.clock();
    const ownState = weight.kind === 'presence' ? largestOwnState(weight, ownClientId) : 0;
    if (ownState > this.limits.maxPresenceBytes) {
      return {
        code: CloseCode.FRAME_TOO_LARGE,
        reason: `presence state of ${ownState} bytes exceeds the limit of ${this.limits.maxPresenceBytes}`,
      };
    }
    if (!this.bytes.take(data.byteLength, now)) {
      return tooFast('this connection sent more bytes than its share');
    }
    if (this.participant && !this.participant.bytes.take(data.byteLength, now)) {
      return tooFast('this participant sent more bytes than their share');
    }
    switch (weight.kind) {
      case 'document':
        if (!this.frames.take(1, now)) return tooFast('this connection sent changes too fast');
        if (this.participant && !this.participant.frames.take(1, now)) {
          return tooFast('this participant sent changes too fast');
        }
        return null;
      case 'presence': {
        const own = ownClientId === null || weight.clientIds.includes(ownClientId);
        if (own && !this.presence.take(1, now)) return tooFast('presence sent too often');
        return null;
      }
      case 'query-presence':
        return this.queries.take(1, now) ? null : tooFast('presence asked for too often');
      case 'unknown':
        return null;
    }
  }

  /** Says what to do when a newer socket of the same participant pushes this one out. */
  onEvict(evicted: () => void): void {
    this.evicted = evicted;
  }

  /** Pushes this socket out (see `FairShare.open`). */
  evict(): void {
    this.close();
    this.evicted();
  }

  /** Stops counting this socket against its participant's socket limit. */
  close(): void {
    const sockets = this.participant?.sockets;
    const index = sockets?.indexOf(this) ?? -1;
    if (sockets && index >= 0) sockets.splice(index, 1);
  }
}

const tooFast = (reason: string): ShareRefusal => ({
  code: CloseCode.RATE_LIMITED,
  reason: `${reason}; reconnecting shortly`,
});

/**
 * The largest state in a presence frame that the socket speaks for: its own client's, or,
 * before it has one, the lone entry that would make it its own. Not the states it echoes:
 * the stock client sends everyone's presence back, and a state the server relayed with its
 * vouched name can be a little over the limit that the sender's own state was under; a
 * limit on echoes would close every honest socket in the room for one presence frame.
 */
function largestOwnState(
  weight: Extract<FrameWeight, { kind: 'presence' }>,
  ownClientId: number | null,
): number {
  if (ownClientId === null) return weight.clientIds.length === 1 ? (weight.stateBytes[0] ?? 0) : 0;
  let largest = 0;
  weight.clientIds.forEach((clientId, i) => {
    if (clientId === ownClientId) largest = Math.max(largest, weight.stateBytes[i] ?? 0);
  });
  return largest;
}
