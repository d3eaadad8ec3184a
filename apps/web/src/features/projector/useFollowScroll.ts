import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import type { PresenterPosition } from '../../collab/presenterPosition.ts';
import { BLOCK_SELECTOR, SECTION_ID_ATTRIBUTE } from '../../collab/usePresenterBroadcast.ts';
import { HIGHLIGHT_CLASS } from '../sectionText/sectionElements.tsx';

/** Keys that scroll the page: pressing one at the projector means "let me look around". */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);
/** How far from the top a followed block sits, as a share of the screen: room for context. */
const BLOCK_MARGIN = 0.2;
/** Frames to wait for a block whose text the editor has not drawn yet. */
const BLOCK_RETRIES = 30;

const offsetIn = (container: HTMLElement, element: Element): number =>
  element.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;

function sectionIn(container: HTMLElement, sectionId: string): Element | null {
  return container.querySelector(`[${SECTION_ID_ATTRIBUTE}="${CSS.escape(sectionId)}"]`);
}

/**
 * Keeps the projector's text on what is presented: the presented section at the top, or
 * the presenter's block a little below it. Anyone at the projector may scroll away
 * (wheel, touch, keys, scrollbar); following then stops until `resume`.
 */
export function useFollowScroll(
  container: RefObject<HTMLElement | null>,
  target: PresenterPosition | null,
  ready: boolean,
) {
  const [detached, setDetached] = useState(false);
  const sectionId = target?.sectionId ?? null;
  const block = target?.block ?? -1;
  const following = useRef({ sectionId, detached });
  following.current = { sectionId, detached };

  useEffect(() => {
    const element = container.current;
    if (!element || !ready) return;
    const detach = () => setDetached(true);
    const onKey = (event: KeyboardEvent) => {
      if (SCROLL_KEYS.has(event.key)) detach();
    };
    // A press on the scroll area itself, not on its content, is on the scrollbar.
    const onPointer = (event: PointerEvent) => {
      if (event.target === element) detach();
    };
    element.addEventListener('wheel', detach, { passive: true });
    element.addEventListener('touchmove', detach, { passive: true });
    element.addEventListener('pointerdown', onPointer);
    window.addEventListener('keydown', onKey);
    return () => {
      element.removeEventListener('wheel', detach);
      element.removeEventListener('touchmove', detach);
      element.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('keydown', onKey);
    };
  }, [container, ready]);

  useEffect(() => {
    const element = container.current;
    if (!element || !ready || detached || sectionId === null) return;
    let frame = 0;
    let tries = 0;
    let pinned: number | null = null;
    /** Where the followed place is now, or null while it is not drawn yet. */
    const targetTop = (): number | null => {
      const section = sectionIn(element, sectionId);
      if (!section) return null;
      const blockElement = block >= 0 ? section.querySelectorAll(BLOCK_SELECTOR)[block] : undefined;
      // The editor draws its text a moment after the section appears.
      if (block >= 0 && !blockElement && tries++ < BLOCK_RETRIES) return null;
      return blockElement
        ? offsetIn(element, blockElement) - element.clientHeight * BLOCK_MARGIN
        : offsetIn(element, section);
    };
    const scroll = () => {
      const top = targetTop();
      if (top === null) {
        frame = requestAnimationFrame(scroll);
        return;
      }
      pinned = top;
      element.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
    };
    // Text drawn or typed above the followed place moves it: follow it there. Growth of
    // the followed section itself leaves its top where it was, so nothing jumps.
    const sizes = new ResizeObserver(() => {
      const top = pinned === null ? null : targetTop();
      if (top === null || pinned === null || Math.abs(top - pinned) < 2) return;
      pinned = top;
      element.scrollTo({ top: Math.max(0, top) });
    });
    for (const section of element.querySelectorAll(`[${SECTION_ID_ATTRIBUTE}]`))
      sizes.observe(section);
    scroll();
    return () => {
      cancelAnimationFrame(frame);
      sizes.disconnect();
    };
  }, [container, sectionId, block, ready, detached]);

  /** New text in `changedSection`: bring it into view if it is in the followed section. */
  const revealChange = useCallback(
    (changedSection: string) => {
      const element = container.current;
      const { sectionId: followed, detached: away } = following.current;
      if (!element || away || changedSection !== followed) return;
      const marks = sectionIn(element, changedSection)?.querySelectorAll(`.${HIGHLIGHT_CLASS}`);
      const mark = marks?.[marks.length - 1];
      if (!mark) return;
      const box = mark.getBoundingClientRect();
      const view = element.getBoundingClientRect();
      if (box.top < view.top || box.bottom > view.bottom) {
        mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
      }
    },
    [container],
  );

  return {
    /** True while someone at the projector has scrolled away from what is presented. */
    detached: detached && sectionId !== null,
    resume: () => setDetached(false),
    revealChange,
  };
}
