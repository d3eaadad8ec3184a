import { useEffect, useRef } from 'react';

/** The words last selected in a section (or the section the cursor was in, with no words). */
export interface SectionSelection {
  sectionId: string;
  quote: string;
}

// The section container carries its status; its id is `section-<sectionId>`.
const SECTION_SELECTOR = '[data-status][id^="section-"]';

/**
 * Remembers the last selection made inside a section's text, so a button pressed after
 * it (which takes the focus, by mouse or keyboard) still knows what was selected.
 */
export function useSectionSelection(): { current: SectionSelection | null } {
  const last = useRef<SectionSelection | null>(null);
  useEffect(() => {
    const onChange = () => {
      const selection = document.getSelection();
      const node = selection?.anchorNode;
      const element = node instanceof Element ? node : node?.parentElement;
      const section = element?.closest(SECTION_SELECTOR);
      if (!selection || !section) return;
      last.current = {
        sectionId: section.id.slice('section-'.length),
        quote: selection.toString().trim(),
      };
    };
    // A selection made before the panel opened counts too.
    onChange();
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);
  return last;
}
