/**
 * Compares two versions of a plan: which text was inserted and deleted between them, and
 * by whom.
 *
 * Both versions are loaded into one Y.Doc that does not garbage-collect, `before` first:
 * Yjs skips the struct ranges a doc already has, so text that `after` deleted keeps the
 * content `before` gave it, and `after`'s delete set only marks it deleted. Walking each
 * section's items (deleted ones included) then tells, item by item, what each side saw:
 * `before`'s state vector and delete set say what it had and what it had already deleted.
 * The plan's structure on each side (section order, titles) is read the same way.
 */
import { SUGGESTION_MARKER } from '@handlewithcare/prosemirror-suggest-changes';
import {
  markNameOfFormatKey,
  NODE_MARKS_ATTRIBUTE,
  planSchema,
  SUGGESTION_FORMAT,
} from '@plenary/editor';
import { PLAN_ROOT, readPlan, sectionFragmentName } from '@plenary/model';
import * as Y from 'yjs';
import type { DiffBlock, DiffChange, SectionDiff } from './versionDiff.ts';
import { cancelRewrittenBlocks, RunList, tidyRuns } from './versionTidy.ts';

/** Who did what, as storage knows it. */
export interface VersionAttribution {
  /** Participant behind a Yjs client id (storage's clientAttribution), null when unknown/server. */
  insertedBy(clientId: number): string | null;
  /** Participant who deleted the Yjs item with this id, null when unknown. */
  deletedBy(id: { client: number; clock: number }): string | null;
}

/** What one side of the comparison saw of a stretch of items. */
type Presence = 'kept' | 'inserted' | 'deleted' | 'absent';

type Attrs = Map<string, unknown>;

interface Span {
  start: number;
  end: number;
  presence: Presence;
}

interface BlockContext {
  path: string[];
  change: DiffChange | null;
  /** Set when a block-level suggestion mark named the author; its content inherits it. */
  markAuthor: string | null;
}

// Inline leaves stand in a run as the character a reader would see.
const INLINE_LEAF_TEXT: Record<string, string> = { hardBreak: '\n' };
const OBJECT_REPLACEMENT = '\uFFFC';

function presence(inBefore: boolean, deletedBefore: boolean, deletedNow: boolean): Presence {
  const visibleBefore = inBefore && !deletedBefore;
  if (visibleBefore) return deletedNow ? 'deleted' : 'kept';
  return deletedNow ? 'absent' : 'inserted';
}

const changeOf = (p: Presence): DiffChange | null =>
  p === 'inserted' ? 'inserted' : p === 'deleted' ? 'deleted' : null;

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;
type DeleteEntry = { clock: number; len: number };

/** The first delete-set entry that ends after `clock` (entries are sorted and disjoint). */
function firstEndingAfter(entries: readonly DeleteEntry[], clock: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const entry = entries[mid] as DeleteEntry;
    if (entry.clock + entry.len <= clock) low = mid + 1;
    else high = mid;
  }
  return low;
}

const lastValue = (item: Y.Item): unknown => item.content.getContent()[item.length - 1];

/** What `before` held: its state vector and what it had already deleted. */
class BeforeState {
  private readonly known: Map<number, number>;
  private readonly deleted: DeleteSet;

  /** From a doc that holds exactly `before` so far. */
  constructor(doc: Y.Doc) {
    const { sv, ds } = Y.snapshot(doc);
    this.known = sv;
    this.deleted = ds;
  }

  /** Refuses a later state that lacks something `before` had. */
  requireIn(after: Uint8Array): void {
    const reached = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(after));
    for (const [client, clock] of this.known) {
      if ((reached.get(client) ?? 0) < clock) {
        throw new Error(
          'These versions cannot be compared: the later one does not contain the earlier one. ' +
            'Compare versions of the same plan, the older one first.',
        );
      }
    }
  }

  private knownOf(client: number): number {
    return this.known.get(client) ?? 0;
  }

  /**
   * Splits an item's clock range where what `before` saw of it changes: an item of the
   * merged doc may join text `before` had with text added later, or parts `before` had
   * already deleted with parts deleted since (Yjs merges neighbouring items).
   */
  spans(item: Y.Item): Span[] {
    const { client, clock } = item.id;
    const end = clock + item.length;
    const known = this.knownOf(client);
    const entries: readonly DeleteEntry[] = this.deleted.clients.get(client) ?? [];
    const cuts = [clock, end];
    if (known > clock && known < end) cuts.push(known);
    for (let i = firstEndingAfter(entries, clock); i < entries.length; i++) {
      const entry = entries[i] as DeleteEntry;
      if (entry.clock >= end) break;
      if (entry.clock > clock) cuts.push(entry.clock);
      if (entry.clock + entry.len < end) cuts.push(entry.clock + entry.len);
    }
    if (cuts.length > 2) cuts.sort((a, b) => a - b);
    const spans: Span[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const start = cuts[i] as number;
      const stop = cuts[i + 1] as number;
      if (stop <= start) continue;
      const entry = entries[firstEndingAfter(entries, start)];
      const deletedBefore = entry !== undefined && entry.clock <= start;
      spans.push({
        start,
        end: stop,
        presence: presence(start < known, deletedBefore, item.deleted),
      });
    }
    return spans;
  }

  /** The values of a Y.Array as `before` saw them. */
  valuesBefore(array: { _start: Y.Item | null }): unknown[] {
    const values: unknown[] = [];
    for (let item = array._start; item; item = item.right) {
      const content = item.content.getContent();
      for (const { start, end, presence } of this.spans(item)) {
        if (presence === 'kept' || presence === 'deleted')
          values.push(...content.slice(start - item.id.clock, end - item.id.clock));
      }
    }
    return values;
  }

  /** What each side saw of a one-clock item: a block, a format boundary. */
  presenceOf(item: Y.Item): Presence {
    const inBefore = item.id.clock < this.knownOf(item.id.client);
    return presence(inBefore, inBefore && Y.isDeleted(this.deleted, item.id), item.deleted);
  }

  /** A node attribute (a Y.Map-like entry) as one side saw it; undefined when unset. */
  attribute(type: { _map: Map<string, Y.Item> }, key: string, side: 'before' | 'after'): unknown {
    let item = type._map.get(key) ?? null;
    if (side === 'after') return item && !item.deleted ? lastValue(item) : undefined;
    // Entries for one key are chained oldest to newest: `before` saw the newest it had,
    // unless it had removed the attribute.
    while (item && item.id.clock >= this.knownOf(item.id.client)) item = item.left;
    return item && !Y.isDeleted(this.deleted, item.id) ? lastValue(item) : undefined;
  }
}

/** The author of a suggestion mark kept as a Yjs text attribute value. */
function suggestionAuthor(value: unknown): string | null {
  if (value && typeof value === 'object' && 'authorId' in value) {
    const { authorId } = value as { authorId: unknown };
    return typeof authorId === 'string' ? authorId : null;
  }
  return null;
}

/** The author of a block-level suggestion mark, from the block's `nodeMarks` attribute. */
function nodeMarkAuthor(nodeMarks: unknown, name: string): string | null {
  if (!Array.isArray(nodeMarks)) return null;
  const mark = nodeMarks.find((m: unknown) => (m as { type?: unknown } | null)?.type === name);
  return suggestionAuthor((mark as { attrs?: unknown } | undefined)?.attrs);
}

const SUGGESTION_OF = {
  inserted: SUGGESTION_FORMAT.insertion,
  deleted: SUGGESTION_FORMAT.deletion,
} as const satisfies Record<DiffChange, string>;

function setFormat(attrs: Attrs, key: string, value: unknown): void {
  if (value === null) attrs.delete(key);
  else attrs.set(key, value);
}

const marksOf = (attrs: Attrs): string[] => [...attrs.keys()].map(markNameOfFormatKey).sort();

/**
 * A block with its runs. A block whose text was all suggested for insertion or removal by
 * one person is theirs, also when someone else accepted it (suggestions mark the text of a
 * paragraph, not always the paragraph itself).
 */
function withRuns(block: DiffBlock, list: RunList): DiffBlock {
  const runs = tidyRuns(list.runs);
  if (!block.change || runs.length === 0) return { ...block, runs };
  const mark = SUGGESTION_OF[block.change];
  const authors = new Set(runs.map((r) => (r.marks.includes(mark) ? r.participantId : null)));
  const [author] = authors;
  return authors.size === 1 && author
    ? { ...block, participantId: author, runs }
    : { ...block, runs };
}

/** Walks the merged doc's sections and says what changed and who changed it. */
class Comparison {
  constructor(
    private readonly base: BeforeState,
    private readonly attribution: VersionAttribution,
  ) {}

  /** Every block of a section fragment, in order. */
  blocks(fragment: Y.XmlFragment): DiffBlock[] {
    const blocks: DiffBlock[] = [];
    this.children(fragment, { path: [], change: null, markAuthor: null }, blocks);
    return blocks;
  }

  private children(parent: { _start: Y.Item | null }, context: BlockContext, out: DiffBlock[]) {
    for (let item = parent._start; item; item = item.right) {
      // Anything else (ContentDeleted) was gone before `before` or never reached it.
      if (!(item.content instanceof Y.ContentType)) continue;
      const seen = this.base.presenceOf(item);
      if (seen === 'absent') continue;
      const type = item.content.type;
      if (type instanceof Y.XmlElement) this.element(item, type, seen, context, out);
      else if (type instanceof Y.XmlText) {
        // Text straight in a container is not valid content; shown rather than lost.
        const { block, inner } = this.block('text', item, seen, undefined, context);
        const runs = new RunList();
        this.text(type, inner, runs);
        out.push(withRuns(block, runs));
      }
    }
  }

  private element(
    item: Y.Item,
    element: Y.XmlElement,
    seen: Presence,
    parent: BlockContext,
    out: DiffBlock[],
  ): void {
    const name = element.nodeName;
    const nodeType = planSchema().nodes[name];
    const { block, inner } = this.block(name, item, seen, element, parent);
    const isTextblock = nodeType
      ? nodeType.isTextblock
      : element.toArray().some((child) => child instanceof Y.XmlText);
    if (isTextblock) {
      const runs = new RunList();
      this.inline(element, inner, runs);
      out.push(withRuns(block, runs));
    } else if (nodeType?.isLeaf || element._start === null) {
      out.push(block);
    } else {
      this.children(element, { ...inner, path: [...parent.path, name] }, out);
    }
  }

  /** A block's change, author and attributes (without runs), and the context of its content. */
  private block(
    type: string,
    item: Y.Item,
    seen: Presence,
    element: Y.XmlElement | undefined,
    parent: BlockContext,
  ): { block: DiffBlock; inner: BlockContext } {
    const change = changeOf(seen);
    const side = seen === 'deleted' ? 'before' : 'after';
    let markAuthor: string | null = null;
    if (change) {
      const nodeMarks = element && this.base.attribute(element, NODE_MARKS_ATTRIBUTE, side);
      markAuthor =
        nodeMarkAuthor(nodeMarks, SUGGESTION_OF[change]) ??
        (parent.change === change ? parent.markAuthor : null);
    }
    const inner: BlockContext = { path: parent.path, change, markAuthor };
    const participantId = this.changedBy(item, change, inner);
    const level = element ? this.base.attribute(element, 'level', side) : undefined;
    const previousLevel =
      element && seen === 'kept' ? this.base.attribute(element, 'level', 'before') : undefined;
    const block: DiffBlock = {
      type,
      path: parent.path,
      ...(typeof level === 'number' ? { level } : {}),
      ...(typeof previousLevel === 'number' && previousLevel !== level ? { previousLevel } : {}),
      change,
      participantId,
      runs: [],
    };
    return { block, inner };
  }

  /** The runs of a text block: its text nodes and inline leaves (hard breaks). */
  private inline(element: Y.XmlElement, context: BlockContext, runs: RunList): void {
    for (let item = element._start; item; item = item.right) {
      if (!(item.content instanceof Y.ContentType)) continue;
      const seen = this.base.presenceOf(item);
      if (seen === 'absent') continue;
      const type = item.content.type;
      if (type instanceof Y.XmlText) this.text(type, context, runs);
      else if (type instanceof Y.XmlElement) {
        const change = changeOf(seen);
        const by = this.changedBy(item, change, context);
        runs.push(INLINE_LEAF_TEXT[type.nodeName] ?? OBJECT_REPLACEMENT, change, by, []);
      }
    }
  }

  /**
   * The runs of one Y.XmlText. Formats are boundaries in the item list, so the marks
   * each side saw are tracked while walking: inserted text is shown with the marks it has
   * now, deleted text with those it had in `before`.
   */
  private text(text: Y.XmlText, context: BlockContext, runs: RunList): void {
    const before: Attrs = new Map();
    const after: Attrs = new Map();
    let beforeMarks: string[] = [];
    let afterMarks: string[] = [];
    for (let item = text._start; item; item = item.right) {
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        const seen = this.base.presenceOf(item);
        if (seen === 'kept' || seen === 'deleted') {
          setFormat(before, content.key, content.value);
          beforeMarks = marksOf(before);
        }
        if (seen === 'kept' || seen === 'inserted') {
          setFormat(after, content.key, content.value);
          afterMarks = marksOf(after);
        }
      } else if (content instanceof Y.ContentString) {
        const { client, clock } = item.id;
        // The suggestion library's marker at block edges is not text anyone wrote.
        const textAt = (start: number, end: number) =>
          content.str.slice(start - clock, end - clock).replaceAll(SUGGESTION_MARKER, '');
        for (const { start, end, presence } of this.base.spans(item)) {
          if (presence === 'kept') runs.push(textAt(start, end), null, null, afterMarks);
          else if (presence === 'inserted') {
            const by = this.insertedBy(
              client,
              suggestionAuthor(after.get(SUGGESTION_FORMAT.insertion)),
              context,
            );
            runs.push(textAt(start, end), 'inserted', by, afterMarks);
          } else if (presence === 'deleted') {
            const mark = suggestionAuthor(before.get(SUGGESTION_FORMAT.deletion));
            for (const part of this.deletedBy(client, start, end, mark, context))
              runs.push(textAt(part.start, part.end), 'deleted', part.participantId, beforeMarks);
          }
        }
      }
    }
  }

  /** Who inserted: the suggestion's author, the block's, or the typing client's person. */
  private insertedBy(client: number, mark: string | null, context: BlockContext): string | null {
    if (mark) return mark;
    if (context.change === 'inserted' && context.markAuthor) return context.markAuthor;
    return this.attribution.insertedBy(client);
  }

  /** Who inserted or deleted a one-clock item (a block, an inline leaf). */
  private changedBy(item: Y.Item, change: DiffChange | null, context: BlockContext) {
    const { client, clock } = item.id;
    if (change === 'inserted') return this.insertedBy(client, null, context);
    if (change === 'deleted')
      return this.deletedBy(client, clock, clock + 1, null, context)[0]?.participantId ?? null;
    return null;
  }

  /**
   * Who deleted a clock range: the suggestion's author, the block's, or whoever storage
   * says deleted it. One range may hold several people's deletions (items merge), so it is
   * halved until both ends agree.
   */
  private deletedBy(
    client: number,
    start: number,
    end: number,
    mark: string | null,
    context: BlockContext,
  ): { start: number; end: number; participantId: string | null }[] {
    const named = mark ?? (context.change === 'deleted' ? context.markAuthor : null);
    if (named) return [{ start, end, participantId: named }];
    const first = this.attribution.deletedBy({ client, clock: start });
    const last = end - start > 1 ? this.attribution.deletedBy({ client, clock: end - 1 }) : first;
    if (first === last) return [{ start, end, participantId: first }];
    const middle = Math.floor((start + end) / 2);
    return [
      ...this.deletedBy(client, start, middle, null, context),
      ...this.deletedBy(client, middle, end, null, context),
    ];
  }
}

/** Who put a section into the plan's order, or took it out, between the versions. */
interface OrderChanges {
  added: Map<string, string | null>;
  removed: Map<string, string | null>;
}

function orderChanges(
  merged: Y.Doc,
  base: BeforeState,
  attribution: VersionAttribution,
): OrderChanges {
  const changes: OrderChanges = { added: new Map(), removed: new Map() };
  const order = merged.getMap(PLAN_ROOT).get('sectionOrder');
  if (!(order instanceof Y.Array)) return changes;
  for (let item = order._start; item; item = item.right) {
    if (!(item.content instanceof Y.ContentAny)) continue;
    const ids = item.content.getContent();
    const { client, clock } = item.id;
    for (const span of base.spans(item)) {
      for (let at = span.start; at < span.end; at++) {
        const id = ids[at - clock];
        if (typeof id !== 'string') continue;
        if (span.presence === 'inserted') changes.added.set(id, attribution.insertedBy(client));
        if (span.presence === 'deleted')
          changes.removed.set(id, attribution.deletedBy({ client, clock: at }));
      }
    }
  }
  return changes;
}

/** Who last set a section's title (the title entry's client). */
function renamedBy(merged: Y.Doc, sectionId: string, attribution: VersionAttribution) {
  const sections = merged.getMap(PLAN_ROOT).get('sections');
  const section = sections instanceof Y.Map ? sections.get(sectionId) : undefined;
  const entry = section instanceof Y.Map ? section._map.get('title') : undefined;
  return entry ? attribution.insertedBy(entry.id.client) : null;
}

/** A section as the comparison needs it. */
interface SectionTitle {
  id: string;
  title: string;
}

/** The sections `before` had, in order, with their titles (read as `readPlan` reads them). */
function sectionsBefore(merged: Y.Doc, base: BeforeState): SectionTitle[] {
  const plan = merged.getMap(PLAN_ROOT);
  const order = base.attribute(plan, 'sectionOrder', 'before');
  const sections = base.attribute(plan, 'sections', 'before');
  if (!(order instanceof Y.Array) || !(sections instanceof Y.Map)) return [];
  const found: SectionTitle[] = [];
  for (const id of base.valuesBefore(order)) {
    const section = typeof id === 'string' ? base.attribute(sections, id, 'before') : undefined;
    if (typeof id === 'string' && section instanceof Y.Map)
      found.push({ id, title: String(base.attribute(section, 'title', 'before') ?? '') });
  }
  return found;
}

/** Sections of both versions: `after`'s order, each removed one after its old neighbour. */
function sectionIds(before: SectionTitle[], after: SectionTitle[]): string[] {
  const ids = after.map((s) => s.id);
  const live = new Set(ids);
  let previous: string | null = null;
  for (const { id } of before) {
    if (!live.has(id)) ids.splice(previous === null ? 0 : ids.indexOf(previous) + 1, 0, id);
    previous = id;
  }
  return ids;
}

const blockChanged = (block: DiffBlock): boolean =>
  block.change !== null ||
  block.previousLevel !== undefined ||
  block.runs.some((run) => run.change !== null);

/**
 * Compares two versions of a plan. Both states are full `Y.encodeStateAsUpdate` of the
 * plan doc; `before` must be an ancestor state of `after`.
 */
export function compareVersions(
  before: Uint8Array,
  after: Uint8Array,
  attribution: VersionAttribution,
): SectionDiff[] {
  const merged = new Y.Doc({ gc: false });
  Y.applyUpdate(merged, before);
  const base = new BeforeState(merged);
  base.requireIn(after);
  // Yjs would skip the structs `merged` has anyway; not decoding them again is faster.
  Y.applyUpdate(merged, Y.diffUpdate(after, Y.encodeStateVector(merged)));
  const comparison = new Comparison(base, attribution);
  const wasBefore = sectionsBefore(merged, base);
  // `before` is part of `after`, so the merged doc reads as `after`.
  const isAfter = readPlan(merged).sections;
  const order = orderChanges(merged, base, attribution);
  const beforeSections = new Map(wasBefore.map((s) => [s.id, s]));
  const afterSections = new Map(isAfter.map((s) => [s.id, s]));
  return sectionIds(wasBefore, isAfter).map((sectionId): SectionDiff => {
    const was = beforeSections.get(sectionId);
    const is = afterSections.get(sectionId);
    const fragment = merged.getXmlFragment(sectionFragmentName(sectionId));
    const blocks = cancelRewrittenBlocks(comparison.blocks(fragment));
    const title = is?.title ?? was?.title ?? '';
    const previousTitle = was && is && was.title !== is.title ? was.title : null;
    if (!was) {
      const participantId = order.added.get(sectionId) ?? null;
      return { sectionId, title, previousTitle, status: 'added', blocks, participantId };
    }
    if (!is) {
      const participantId = order.removed.get(sectionId) ?? null;
      return { sectionId, title, previousTitle, status: 'removed', blocks, participantId };
    }
    const status = previousTitle !== null || blocks.some(blockChanged) ? 'changed' : 'unchanged';
    const diff: SectionDiff = { sectionId, title, previousTitle, status, blocks };
    if (previousTitle !== null) diff.participantId = renamedBy(merged, sectionId, attribution);
    return diff;
  });
}
