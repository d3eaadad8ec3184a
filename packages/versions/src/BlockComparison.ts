/**
 * The blocks of one section fragment as two versions saw them: each block's change and
 * author, and the runs of its text, inserted, deleted or kept, with who did it. Authors
 * come from suggestion marks where there are any (a suggestion is its author's, also once
 * someone else accepted it), from storage's attribution otherwise.
 */
import { SUGGESTION_MARKER } from '@handlewithcare/prosemirror-suggest-changes';
import {
  markNameOfFormatKey,
  NODE_MARKS_ATTRIBUTE,
  planSchema,
  SUGGESTION_FORMAT,
} from '@plenary/editor';
import * as Y from 'yjs';
import type { BeforeState, Presence } from './BeforeState.ts';
import type { VersionAttribution } from './versionAttribution.ts';
import type { DiffBlock, DiffChange } from './versionDiff.ts';
import { RunList, tidyRuns } from './versionTidy.ts';

type Attrs = Map<string, unknown>;

interface BlockContext {
  path: string[];
  change: DiffChange | null;
  /** Set when a block-level suggestion mark named the author; its content inherits it. */
  markAuthor: string | null;
}

// Inline leaves stand in a run as the character a reader would see.
const INLINE_LEAF_TEXT: Record<string, string> = { hardBreak: '\n' };
const OBJECT_REPLACEMENT = '\uFFFC';

const changeOf = (p: Presence): DiffChange | null =>
  p === 'inserted' ? 'inserted' : p === 'deleted' ? 'deleted' : null;

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
/** Walks a section of the merged doc and says what changed and who changed it. */
export class BlockComparison {
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
