import { CloseCode, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS } from '@plenary/model';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAIR_SHARE, FairShare, type FairShareLimits } from './FairShare.ts';
import { weighFrame } from './frameWeight.ts';

const UPDATE = Uint8Array.of(0, 2, 1, 0);

function presenceFrame(entries: { clientId: number; state: unknown }[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

/** A fair share on a clock the test moves. */
function share(limits: Partial<FairShareLimits> = {}) {
  const clock = { now: 0 };
  return { clock, fairShare: new FairShare({ ...DEFAULT_FAIR_SHARE, ...limits }, () => clock.now) };
}

/** How many of `count` frames a socket takes before it is refused, and the refusal. */
function admitted(
  socket: ReturnType<FairShare['open']>['socket'],
  frame: Uint8Array,
  count: number,
) {
  for (let i = 0; i < count; i++) {
    const refusal = socket.admit(frame, weighFrame(frame), 1);
    if (refusal) return { taken: i, refusal };
  }
  return { taken: count, refusal: null };
}

describe('FairShare', () => {
  it('takes a burst of updates, then closes with 4529, and refills at the sustained rate', () => {
    const { clock, fairShare } = share();
    const { socket } = fairShare.open('p1');
    const burst = DEFAULT_FAIR_SHARE.socket.frameBurst;
    const first = admitted(socket, UPDATE, 10_000);
    expect(first.taken).toBe(burst);
    expect(first.refusal?.code).toBe(CloseCode.RATE_LIMITED);
    clock.now += 1_000;
    expect(admitted(socket, UPDATE, 10_000).taken).toBe(DEFAULT_FAIR_SHARE.socket.framesPerSecond);
  });

  it("keeps a participant's budget across their sockets and reconnects", () => {
    const { fairShare } = share();
    const participantBurst = DEFAULT_FAIR_SHARE.participant.frameBurst;
    let taken = 0;
    for (let i = 0; i < 5; i++) {
      const { socket } = fairShare.open('p1');
      taken += admitted(socket, UPDATE, 10_000).taken;
      socket.close();
    }
    expect(taken).toBe(participantBurst);
    expect(fairShare.trackedParticipants).toBe(1);
    // Someone else still has their whole share.
    expect(admitted(fairShare.open('p2').socket, UPDATE, 10_000).taken).toBe(
      DEFAULT_FAIR_SHARE.socket.frameBurst,
    );
  });

  it('refuses a participant closed for going too fast until their budgets are half full again', () => {
    const { clock, fairShare } = share();
    const { frameBurst, framesPerSecond } = DEFAULT_FAIR_SHARE.participant;
    // Two sockets spend the participant's whole burst, and the second is closed.
    admitted(fairShare.open('p1').socket, UPDATE, frameBurst / 2);
    expect(admitted(fairShare.open('p1').socket, UPDATE, 10_000).refusal?.code).toBe(
      CloseCode.RATE_LIMITED,
    );
    expect(fairShare.refusalFor('p1')).toMatchObject({
      code: CloseCode.RATE_LIMITED,
      reason: expect.stringMatching(/reconnect in 3 s$/),
    });
    // Someone else is not held back, nor is anyone once half the burst is back.
    expect(fairShare.refusalFor('p2')).toBeNull();
    expect(fairShare.refusalFor(null)).toBeNull();
    clock.now += ((frameBurst / 2 - 1) / framesPerSecond) * 1000;
    expect(fairShare.refusalFor('p1')?.code).toBe(CloseCode.RATE_LIMITED);
    clock.now += (1 / framesPerSecond) * 1000;
    expect(fairShare.refusalFor('p1')).toBeNull();
    expect(admitted(fairShare.open('p1').socket, UPDATE, 10_000).taken).toBe(frameBurst / 2);
  });

  it('lets a participant closed for going too fast back once not in debt when so configured', () => {
    const { clock, fairShare } = share({ refillBeforeReconnect: 0 });
    admitted(fairShare.open('p1').socket, UPDATE, 10_000);
    clock.now += 10;
    expect(fairShare.refusalFor('p1')).toBeNull();
  });

  it('lets one frame larger than the byte burst through once, then charges it', () => {
    const { fairShare } = share();
    const { socket } = fairShare.open('p1');
    const paste = new Uint8Array(DEFAULT_FAIR_SHARE.socket.byteBurst + 10);
    paste.set([0, 2]);
    expect(socket.admit(paste, weighFrame(paste), null)).toBeNull();
    expect(socket.admit(UPDATE, weighFrame(UPDATE), null)?.code).toBe(CloseCode.RATE_LIMITED);
  });

  it('refuses a presence state over 16 KB with 4413 and counts only presence about itself', () => {
    const { fairShare } = share({ presenceBurst: 5 });
    const { socket } = fairShare.open('p1');
    const huge = presenceFrame([{ clientId: 1, state: { note: 'x'.repeat(16 * 1024) } }]);
    expect(socket.admit(huge, weighFrame(huge), 1)?.code).toBe(CloseCode.FRAME_TOO_LARGE);
    // The stock client echoes everyone else's presence: those cost only bytes.
    const echo = presenceFrame([{ clientId: 2, state: { user: 'b' } }]);
    expect(admitted(socket, echo, 100).taken).toBe(100);
    const own = presenceFrame([{ clientId: 1, state: { user: 'a' } }]);
    expect(admitted(socket, own, 100)).toMatchObject({ taken: 5, refusal: { code: 4529 } });
  });

  it('answers three queries for everyone’s presence, then closes with 4529', () => {
    const { fairShare } = share();
    const query = Uint8Array.of(MESSAGE_QUERY_AWARENESS);
    expect(admitted(fairShare.open('p1').socket, query, 20).taken).toBe(3);
  });

  it("pushes out a participant's oldest sockets beyond the limit", () => {
    const { fairShare } = share({ maxSocketsPerParticipant: 2 });
    const evictedOnes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { socket, evicted } = fairShare.open('p1');
      socket.onEvict(() => evictedOnes.push(i));
      for (const older of evicted) older.evict();
    }
    expect(evictedOnes).toEqual([0, 1]);
    expect(fairShare.open(null).evicted).toEqual([]);
  });
});
