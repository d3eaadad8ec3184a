/**
 * Seeded byte-level mutations of y-websocket frames: what a hostile client (or a broken
 * network stack) can make of a valid frame. Every choice comes from the PRNG passed in,
 * so a seed replays the same mutations.
 */
import * as prng from 'lib0/prng';

/** One mutation: takes a frame (and another frame to splice from), returns the new bytes. */
type Mutation = (gen: prng.PRNG, frame: Uint8Array, donor: Uint8Array) => Uint8Array;

const at = (gen: prng.PRNG, frame: Uint8Array): number =>
  frame.length === 0 ? 0 : prng.uint32(gen, 0, frame.length - 1);

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/** A slice of up to `max` bytes at a random place. */
const block = (gen: prng.PRNG, frame: Uint8Array, max = 32): [number, number] => {
  const start = at(gen, frame);
  return [start, Math.min(frame.length, start + prng.uint32(gen, 1, max))];
};

/** Varints that make a length, count or clock absurd: 2^31, 2^32 - 1, 2^53 - 1, 2^56. */
const HUGE_VARINTS = [
  [0x80, 0x80, 0x80, 0x80, 0x08],
  [0xff, 0xff, 0xff, 0xff, 0x0f],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
].map((bytes) => Uint8Array.from(bytes));

/** The mutations by name, for the run's statistics. */
export const MUTATIONS: Record<string, Mutation> = {
  'bit flip': (gen, frame) => {
    const out = frame.slice();
    const index = at(gen, out);
    if (out.length > 0) out[index] = (out[index] ?? 0) ^ (1 << prng.uint32(gen, 0, 7));
    return out;
  },
  'random byte': (gen, frame) => {
    const out = frame.slice();
    if (out.length > 0) out[at(gen, out)] = prng.uint32(gen, 0, 255);
    return out;
  },
  truncation: (gen, frame) => frame.slice(0, at(gen, frame)),
  'inflated varint': (gen, frame) => {
    // Replaces the varint starting at a random byte with a huge one.
    const start = at(gen, frame);
    let end = start;
    while (end < frame.length && (frame[end] ?? 0) & 0x80) end++;
    const huge = HUGE_VARINTS[prng.uint32(gen, 0, HUGE_VARINTS.length - 1)] ?? new Uint8Array();
    return concat(frame.subarray(0, start), huge, frame.subarray(Math.min(frame.length, end + 1)));
  },
  'dropped block': (gen, frame) => {
    const [start, end] = block(gen, frame);
    return concat(frame.subarray(0, start), frame.subarray(end));
  },
  'duplicated block': (gen, frame) => {
    const [start, end] = block(gen, frame, 256);
    return concat(frame.subarray(0, end), frame.subarray(start, end), frame.subarray(end));
  },
  'spliced block': (gen, frame, donor) => {
    const [start, end] = block(gen, donor, 256);
    const cut = at(gen, frame);
    return concat(frame.subarray(0, cut), donor.subarray(start, end), frame.subarray(cut));
  },
  'spliced tail': (gen, frame, donor) =>
    concat(frame.subarray(0, at(gen, frame)), donor.subarray(at(gen, donor))),
  'inserted bytes': (gen, frame) => {
    const cut = at(gen, frame);
    return concat(
      frame.subarray(0, cut),
      prng.uint8Array(gen, prng.uint32(gen, 1, 16)),
      frame.subarray(cut),
    );
  },
  'appended bytes': (gen, frame) => concat(frame, prng.uint8Array(gen, prng.uint32(gen, 1, 8))),
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies one to three random mutations; returns the bytes and the mutations' names. */
export function mutateFrame(
  gen: prng.PRNG,
  frame: Uint8Array,
  donor: Uint8Array,
): { bytes: Uint8Array; names: string[] } {
  let bytes = frame;
  const names: string[] = [];
  const count = prng.uint32(gen, 1, 3);
  for (let i = 0; i < count; i++) {
    const name = MUTATION_NAMES[prng.uint32(gen, 0, MUTATION_NAMES.length - 1)] ?? 'bit flip';
    bytes = (MUTATIONS[name] as Mutation)(gen, bytes, donor);
    names.push(name);
  }
  return { bytes, names };
}

/** Random bytes, half of them behind a message type the relay knows. */
export function randomFrame(gen: prng.PRNG): Uint8Array {
  const body = prng.uint8Array(gen, prng.uint32(gen, 0, 48));
  if (prng.bool(gen)) return body;
  const type = prng.oneOf(gen, [0, 1, 3, 100]);
  return concat(
    Uint8Array.of(type),
    type === 0 ? Uint8Array.of(prng.uint32(gen, 0, 3)) : new Uint8Array(),
    body,
  );
}
