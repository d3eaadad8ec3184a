import type { Actor, PlanState } from '@plenary/model';
import { useEffect, useRef } from 'react';
import { sectionElementId } from './sectionIds.ts';
import { NARROW_SCREEN } from './usePlanMenu.ts';

// The editors above fill in after the first render and push the section down; it is
// kept in place while the page settles, unless the person starts moving first.
const SETTLE_MS = 3000;
const PERSON_MOVES = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

/**
 * On a phone, a member's page opens at their own group's first section rather than at
 * the plan's top: the sections before it are other groups' to write. Once per page.
 */
export function useOpenAtOwnSection(ready: boolean, plan: PlanState, actor: Actor): void {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    if (!window.matchMedia(NARROW_SCREEN).matches || window.scrollY > 0) return;
    const own = plan.sections.find(
      (section) => actor.groupId !== null && section.groupId === actor.groupId,
    );
    if (!own || own.id === plan.sections[0]?.id) return;
    const target = document.getElementById(sectionElementId(own.id));
    if (!target) return;
    // The section's scroll margin keeps its title clear of the sticky header and toolbar.
    const align = () => target.scrollIntoView({ block: 'start' });
    const resized = new ResizeObserver(align);
    resized.observe(document.body);
    const stop = () => {
      resized.disconnect();
      clearTimeout(settled);
      for (const name of PERSON_MOVES) window.removeEventListener(name, stop, true);
    };
    const settled = setTimeout(stop, SETTLE_MS);
    for (const name of PERSON_MOVES) window.addEventListener(name, stop, true);
    align();
  }, [ready, plan.sections, actor.groupId]);
}
