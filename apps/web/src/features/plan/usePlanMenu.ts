import { type MouseEvent, useCallback, useEffect, useRef, useState } from 'react';

/** Screens this narrow show the text alone; the sidebar's parts wait behind the menu. */
export const NARROW_SCREEN = '(max-width: 900px)';

/** What the plan's sidebar needs to fold behind the header's Menu button on a phone. */
export interface PlanMenu {
  open: boolean;
  toggle: () => void;
  /** The Menu button, which takes focus back when the menu closes with Escape. */
  buttonRef: React.RefObject<HTMLButtonElement | null>;
  /** Closes the menu when the click followed a link or showed something outside it. */
  onSidebarClick: (event: MouseEvent<HTMLElement>) => void;
}

/**
 * The open state of the phone menu. It closes on Escape, when a link in it was followed,
 * when a toggle in it showed something elsewhere, and when the screen becomes wide.
 */
export function usePlanMenu(): PlanMenu {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const toggle = useCallback(() => setOpen((current) => !current), []);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const wide = window.matchMedia(NARROW_SCREEN);
    const onWidth = () => {
      if (!wide.matches) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    wide.addEventListener('change', onWidth);
    return () => {
      document.removeEventListener('keydown', onKey);
      wide.removeEventListener('change', onWidth);
    };
  }, [open]);

  const onSidebarClick = useCallback((event: MouseEvent<HTMLElement>) => {
    const control = (event.target as HTMLElement).closest('a[href], button[aria-controls]');
    if (!control) return;
    // A link leads away (the contents scroll to a section behind the menu); a toggle of
    // something outside the menu (the review, the console, the history) shows it there.
    // Toggles of what is inside, and everything else, leave the menu as it is.
    const controlled = control.getAttribute('aria-controls');
    const inside = controlled !== null && event.currentTarget.querySelector(`#${controlled}`);
    if (!inside) setOpen(false);
  }, []);

  return { open, toggle, buttonRef, onSidebarClick };
}
