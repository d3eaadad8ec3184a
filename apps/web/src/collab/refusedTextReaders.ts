import type { RefusedTextReaders } from './PlanSession.ts';

/** The readers of a refused doc's text, loaded on first use: they bring the editor's schema. */
export async function loadRefusedTextReaders(): Promise<RefusedTextReaders> {
  const [{ sectionTexts }, { planMarkdown }] = await Promise.all([
    import('./sectionTexts.ts'),
    import('./planMarkdown.ts'),
  ]);
  return { sectionTexts, planMarkdown };
}
