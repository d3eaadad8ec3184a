import { loadingComponent } from '../../ui/loadingComponent.ts';

/**
 * A section as if every suggestion were accepted (see AcceptedText.tsx), loaded when first
 * drawn: the plan's preview and the projector's accepted view are chosen now and then, and
 * their code (TipTap's React binding, a read-only editor) need not load with every plan.
 */
export const AcceptedText = loadingComponent(
  async () => (await import('./AcceptedText.tsx')).AcceptedText,
);
