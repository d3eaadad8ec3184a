/**
 * Where the presenter is in the plan, for projectors in follow mode. The presenter's
 * page publishes it in its presence (never in the document: it changes with every
 * scroll and is nobody's text), and projectors read it from there.
 */

/** The presence field that holds the presenter's position. */
export const PRESENTING_FIELD = 'presenting';

/** A place in the plan: a section and the top-level block (paragraph, list, table) in it. */
export interface PresenterPosition {
  sectionId: string;
  block: number;
}

/** A section's box on the presenter's screen, and the boxes of its blocks, in page pixels. */
export interface SectionBox {
  sectionId: string;
  top: number;
  bottom: number;
  blocks: { top: number; bottom: number }[];
}

/** What the presenter's screen shows: the visible band, and the line people read at. */
export interface Viewport {
  top: number;
  bottom: number;
  /** A little below the top of the text area: where the eye rests while reading. */
  readingLine: number;
}

const isPosition = (value: unknown): value is PresenterPosition =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PresenterPosition).sectionId === 'string' &&
  Number.isInteger((value as PresenterPosition).block) &&
  (value as PresenterPosition).block >= 0;

/** True when two positions name the same place (null for none). */
export const samePosition = (a: PresenterPosition | null, b: PresenterPosition | null): boolean =>
  a === b || (a !== null && b !== null && a.sectionId === b.sectionId && a.block === b.block);

/**
 * The position the presenter publishes. Their text cursor wins while it is on screen
 * (they are pointing at something); otherwise the block at the reading line, or the
 * first block below it when the line falls between blocks. Null when no section shows.
 */
export function choosePresentedPosition(
  sections: readonly SectionBox[],
  viewport: Viewport,
  selection: PresenterPosition | null,
): PresenterPosition | null {
  if (selection) {
    const block = sections.find((box) => box.sectionId === selection.sectionId)?.blocks[
      selection.block
    ];
    if (block && block.bottom > viewport.top && block.top < viewport.bottom) return selection;
  }
  const visible = sections.filter((box) => box.bottom > viewport.top && box.top < viewport.bottom);
  const atLine =
    visible.find((box) => box.top <= viewport.readingLine && box.bottom > viewport.readingLine) ??
    visible.find((box) => box.top > viewport.readingLine) ??
    visible.at(-1);
  if (!atLine) return null;
  const index = atLine.blocks.findIndex((block) => block.bottom > viewport.readingLine);
  return {
    sectionId: atLine.sectionId,
    block: index < 0 ? Math.max(0, atLine.blocks.length - 1) : index,
  };
}

/**
 * The position the presenter `presenterId` publishes, from the plan's presence states.
 * Only the participant id the server vouched for counts: anyone can write a position
 * into their own presence, but only the presenter's is followed.
 */
export function readPresenterPosition(
  states: ReadonlyMap<number, Record<string, unknown>>,
  presenterId: string | null,
): PresenterPosition | null {
  if (presenterId === null) return null;
  for (const state of states.values()) {
    const user = state.user as { participantId?: unknown } | undefined;
    const position = state[PRESENTING_FIELD];
    if (user?.participantId === presenterId && isPosition(position)) {
      return { sectionId: position.sectionId, block: position.block };
    }
  }
  return null;
}
