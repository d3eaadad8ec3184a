import { loadingComponent } from '../../ui/loadingComponent.ts';

// The editor (TipTap, ProseMirror, the Yjs binding) is most of the plan page's code. The
// page draws every section's text without it (SectionText) and asks for it as soon as its
// own code runs, so it loads while the plan syncs; typing waits for it. The service
// worker keeps the chunk for offline use like every other.

/** A section's editor (see SectionEditor.tsx), loaded with the editor's chunk. */
export const SectionEditor = loadingComponent(
  async () => (await import('./SectionEditor.tsx')).SectionEditor,
);

/** A section as if every suggestion were accepted (see AcceptedText.tsx). */
export const AcceptedText = loadingComponent(
  async () => (await import('../review/AcceptedText.tsx')).AcceptedText,
);

SectionEditor.preload();
AcceptedText.preload();
