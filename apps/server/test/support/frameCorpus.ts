/**
 * Valid y-websocket frames captured from copies of a live plan, and crafted ones an honest
 * client never sends: the seeds the fuzzer mutates. A corpus is rebuilt now and then from
 * the plan as an observer sees it, so its updates keep fitting the server's document.
 */
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, PLAN_ROOT } from '@plenary/model';
import {
  awarenessFrame,
  gcStructsUpdate,
  presenceUpdateAs,
  savedFrame,
  syncStep1Frame,
  syncStep2Frame,
  updateAs,
  updateFrame,
} from '@plenary/relay';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { deletionUpdate, reversedNestingUpdate, reversedOriginUpdate } from './craftedUpdates.ts';

/** Who the attackers aim at: roots and other people's ids. */
export interface FuzzTargets {
  /** The section of the member attacker's own group. */
  ownSection: string;
  /** Roots no attacker may change. */
  otherSections: readonly string[];
  /** Yjs client ids that belong to someone else (an offline participant, the server). */
  foreignClientIds: readonly number[];
}

/** One seed frame and what it is, for statistics and failure reports. */
export interface CorpusFrame {
  kind: string;
  bytes: Uint8Array;
  /** True when it writes under a client id that belongs to someone else. */
  foreign: boolean;
}

/** The first text of a section, made when the section has none. */
function someText(gen: prng.PRNG, doc: Y.Doc, root: string): Y.XmlText {
  const fragment = doc.getXmlFragment(root);
  const paragraphs = fragment.toArray().filter((node) => node instanceof Y.XmlElement);
  const paragraph = paragraphs.length
    ? (prng.oneOf(gen, paragraphs) as Y.XmlElement)
    : (() => {
        const made = new Y.XmlElement('paragraph');
        fragment.insert(fragment.length, [made]);
        return made;
      })();
  const text = paragraph.get(0);
  if (text instanceof Y.XmlText) return text;
  const made = new Y.XmlText();
  paragraph.insert(0, [made]);
  return made;
}

/** Blockquotes nested `depth` deep, holding one paragraph. */
function nested(depth: number): Y.XmlElement {
  const outer = new Y.XmlElement('blockquote');
  let current = outer;
  for (let i = 1; i < depth; i++) {
    const inner = new Y.XmlElement('blockquote');
    current.insert(0, [inner]);
    current = inner;
  }
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('deep')]);
  current.insert(0, [paragraph]);
  return outer;
}

/** Edits of a section, as a stock client would send them. */
const SECTION_EDITS: Record<string, (gen: prng.PRNG, doc: Y.Doc, root: string) => void> = {
  'typed text': (gen, doc, root) => {
    const text = someText(gen, doc, root);
    text.insert(prng.uint32(gen, 0, text.length), prng.word(gen, 1, 12));
  },
  'deleted text': (gen, doc, root) => {
    const text = someText(gen, doc, root);
    if (text.length === 0) text.insert(0, 'x');
    const from = prng.uint32(gen, 0, text.length - 1);
    text.delete(from, prng.uint32(gen, 1, Math.min(40, text.length - from)));
  },
  'deleted paragraphs': (gen, doc, root) => {
    const fragment = doc.getXmlFragment(root);
    if (fragment.length > 0) fragment.delete(0, prng.uint32(gen, 1, fragment.length));
  },
  'forged suggestion': (gen, doc, root) => {
    const text = someText(gen, doc, root);
    const mark = { id: `s${prng.uint32(gen, 0, 1e6)}`, author: 'focal point', type: 'insertion' };
    text.insert(0, prng.word(gen, 1, 8), { insertion: mark });
  },
  'bold text': (gen, doc, root) => {
    const text = someText(gen, doc, root);
    if (text.length > 0) text.format(0, prng.uint32(gen, 1, text.length), { bold: true });
  },
  'new paragraphs': (gen, doc, root) => {
    const fragment = doc.getXmlFragment(root);
    const count = prng.uint32(gen, 1, 20);
    fragment.insert(
      prng.uint32(gen, 0, fragment.length),
      Array.from({ length: count }, () => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(prng.word(gen, 1, 30))]);
        return paragraph;
      }),
    );
  },
  'large paste': (gen, doc, root) => {
    const text = someText(gen, doc, root);
    text.insert(0, prng.word(gen, 1_000, 4_000));
  },
  'deep nesting': (gen, doc, root) => {
    doc.getXmlFragment(root).insert(0, [nested(prng.uint32(gen, 20, 400))]);
  },
};

/** An edit a person makes while typing: a word in, now and then a few characters out. */
export function typingEdit(gen: prng.PRNG, doc: Y.Doc, root: string): void {
  const edit = prng.uint32(gen, 0, 5) === 0 ? 'deleted text' : 'typed text';
  (SECTION_EDITS[edit] as (typeof SECTION_EDITS)[string])(gen, doc, root);
}

/** Edits of the plan's own map: phase, status, title, sections. */
const PLAN_EDITS: ((gen: prng.PRNG, plan: Y.Map<unknown>) => void)[] = [
  (_gen, plan) => plan.set('phase', 'final'),
  (gen, plan) => plan.set('title', prng.word(gen, 1, 20)),
  (_gen, plan) => plan.delete('sections'),
  (gen, plan) => plan.set(prng.word(gen, 1, 6), prng.uint32(gen, 0, 100)),
];

/** A presence frame under `clientId`; a null state says the client left. */
function presence(
  clientId: number,
  clock: number,
  state: Record<string, unknown> | null,
): Uint8Array {
  const update = presenceUpdateAs(clientId, state ?? {}, clock);
  if (state !== null) return awarenessFrame(update);
  // `{}` is the update's last three bytes (length 2, then the braces): make it `null`.
  const leaving = new Uint8Array(update.length + 2);
  leaving.set(update.subarray(0, update.length - 3));
  leaving.set([4, ...new TextEncoder().encode('null')], update.length - 3);
  return awarenessFrame(leaving);
}

/**
 * A fresh corpus from the plan as `base` holds it: every kind of frame once, with the
 * attacker's own client id `ownId` (or someone else's, for the foreign kinds).
 */
export function buildCorpus(
  gen: prng.PRNG,
  base: Y.Doc,
  targets: FuzzTargets,
  ownId: number,
): CorpusFrame[] {
  const frames: CorpusFrame[] = [];
  const add = (kind: string, bytes: Uint8Array, foreign = false) =>
    frames.push({ kind, bytes, foreign });
  const roots = [targets.ownSection, ...targets.otherSections];
  const editNames = Object.keys(SECTION_EDITS);
  const serverState = Y.encodeStateVector(base);
  const baseState = Y.encodeStateAsUpdate(base);
  const capture = (clientId: number, edit: (doc: Y.Doc) => void) =>
    updateAs(clientId, baseState, edit);

  add('sync step 1', syncStep1Frame(serverState));
  add('sync step 1 (empty)', syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
  for (let i = 0; i < 4; i++) {
    const name = prng.oneOf(gen, editNames);
    const root = i < 2 ? targets.ownSection : prng.oneOf(gen, roots);
    const update = capture(ownId, (doc) =>
      (SECTION_EDITS[name] as (typeof SECTION_EDITS)[string])(gen, doc, root),
    );
    const where = root === targets.ownSection ? 'own section' : 'other section';
    add(
      `update: ${name} in ${where}`,
      prng.bool(gen) ? updateFrame(update) : syncStep2Frame(update),
    );
  }
  add(
    'update: plan map',
    updateFrame(capture(ownId, (doc) => prng.oneOf(gen, PLAN_EDITS)(gen, doc.getMap(PLAN_ROOT)))),
  );
  add('sync step 2 (nothing new)', syncStep2Frame(Y.encodeStateAsUpdate(base, serverState)));

  const foreignId = targets.foreignClientIds.length
    ? prng.oneOf(gen, [...targets.foreignClientIds])
    : ownId;
  const foreignClock = Y.getState(base.store, foreignId);
  add(
    'update: text under a foreign client id',
    updateFrame(
      capture(foreignId, (doc) => SECTION_EDITS['typed text']?.(gen, doc, targets.ownSection)),
    ),
    true,
  );
  add(
    'GC struct at a foreign client id next clock',
    updateFrame(gcStructsUpdate([foreignId], foreignClock)),
    true,
  );
  add(
    'deletion of foreign text',
    updateFrame(deletionUpdate([{ client: foreignId, clock: 0, len: Math.max(1, foreignClock) }])),
    true,
  );
  const ownClock = Y.getState(base.store, ownId);
  add(
    'GC structs under own id',
    updateFrame(gcStructsUpdate([ownId], ownClock, { count: prng.uint32(gen, 1, 2_000) })),
  );
  add(
    'GC struct of huge length',
    updateFrame(gcStructsUpdate([ownId], ownClock, { length: 2 ** 40 })),
  );
  add('GC struct at a huge clock', updateFrame(gcStructsUpdate([ownId], 2 ** 40)));
  add(
    'deletion at a huge clock',
    updateFrame(deletionUpdate([{ client: foreignId, clock: 2 ** 50, len: 2 ** 32 }])),
    true,
  );
  if (ownClock === 0) {
    // Mostly short, sometimes past the 5,000 or so where a recursive resolver overflows.
    const depth =
      prng.uint32(gen, 0, 3) === 0 ? prng.uint32(gen, 5_000, 8_000) : prng.uint32(gen, 2, 200);
    add('reversed nesting', updateFrame(reversedNestingUpdate(ownId, depth, targets.ownSection)));
    const anchor = [...base.store.clients.entries()].find(([, structs]) => structs.length > 0);
    if (anchor) {
      add(
        'reversed origins',
        updateFrame(reversedOriginUpdate(ownId, depth, { client: anchor[0], clock: 0 })),
      );
    }
  }

  const awarenessClock = prng.uint32(gen, 0, 10);
  const user = { name: prng.word(gen, 1, 10), color: '#123456' };
  add('presence', presence(ownId, awarenessClock, { user, cursor: null }));
  add('presence under a foreign id', presence(foreignId, awarenessClock + 1, { user }), true);
  add('presence removal for a foreign id', presence(foreignId, 2 ** 31, null), true);
  add(
    'large presence',
    presence(ownId, awarenessClock + 1, {
      user,
      junk: 'x'.repeat(prng.uint32(gen, 8_000, 40_000)),
    }),
  );
  add('query presence', Uint8Array.of(MESSAGE_QUERY_AWARENESS));
  add('save request', savedFrame(prng.uint32(gen, 0, 2 ** 31)));
  add('empty presence', Uint8Array.of(MESSAGE_AWARENESS, 1, 0));
  return frames;
}
