import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import {
  choosePresentedPosition,
  PRESENTING_FIELD,
  type PresenterPosition,
  type SectionBox,
  samePosition,
} from './presenterPosition.ts';

/** At most one position this often: scrolling fires far more events than anyone needs. */
const PUBLISH_EVERY_MS = 150;
/** Where the eye rests, as a share of the text area's height from its top. */
const READING_LINE = 0.3;
/** The attribute that marks a section's box on the page, with the section id as its value. */
export const SECTION_ID_ATTRIBUTE = 'data-section-id';
/** A section's top-level blocks (paragraphs, lists, tables) inside its editor. */
export const BLOCK_SELECTOR = '.ProseMirror > *';

function boxOf(section: HTMLElement): SectionBox {
  const { top, bottom } = section.getBoundingClientRect();
  return {
    sectionId: section.getAttribute(SECTION_ID_ATTRIBUTE) ?? '',
    top,
    bottom,
    blocks: [...section.querySelectorAll(BLOCK_SELECTOR)].map((block) => {
      const rect = block.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom };
    }),
  };
}

/** The section and block of the text cursor, when it is in a section's text. */
function cursorSpot(): PresenterPosition | null {
  const node = document.getSelection()?.focusNode ?? null;
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  const block = element?.closest(BLOCK_SELECTOR);
  const section = element?.closest(`[${SECTION_ID_ATTRIBUTE}]`);
  if (!block?.parentElement || !section) return null;
  return {
    sectionId: section.getAttribute(SECTION_ID_ATTRIBUTE) ?? '',
    block: [...block.parentElement.children].indexOf(block),
  };
}

/** Where this page is in the plan now, measured from the sections on screen. */
function measurePosition(): PresenterPosition | null {
  const sections = [...document.querySelectorAll<HTMLElement>(`[${SECTION_ID_ATTRIBUTE}]`)];
  // The sticky header covers the top of the page; the text starts below it.
  const header =
    Number.parseFloat(
      getComputedStyle(document.documentElement).getPropertyValue('--header-height'),
    ) || 0;
  const viewport = {
    top: header,
    bottom: window.innerHeight,
    readingLine: header + (window.innerHeight - header) * READING_LINE,
  };
  return choosePresentedPosition(sections.map(boxOf), viewport, cursorSpot());
}

/**
 * While `active` (follow mode, and this person is the presenter), publishes this page's
 * position in the plan in its presence as the person scrolls and moves the cursor, so
 * projectors can follow. The position is cleared when presenting stops.
 */
export function usePresenterBroadcast(awareness: Awareness, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let published: PresenterPosition | null = null;
    let lastAt = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const publish = () => {
      pending = undefined;
      lastAt = Date.now();
      const position = measurePosition();
      if (samePosition(position, published)) return;
      published = position;
      awareness.setLocalStateField(PRESENTING_FIELD, position);
    };
    // The first event after a quiet spell publishes at once; a burst, once per interval.
    const schedule = () => {
      if (pending === undefined) {
        pending = setTimeout(publish, Math.max(0, lastAt + PUBLISH_EVERY_MS - Date.now()));
      }
    };
    publish();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    document.addEventListener('selectionchange', schedule);
    return () => {
      clearTimeout(pending);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      document.removeEventListener('selectionchange', schedule);
      awareness.setLocalStateField(PRESENTING_FIELD, null);
    };
  }, [awareness, active]);
}
