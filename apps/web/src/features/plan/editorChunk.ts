import { afterPageOpened } from '../../ui/afterPageOpened.ts';
import { loadingComponent } from '../../ui/loadingComponent.ts';
import { AcceptedText } from '../review/acceptedTextChunk.ts';

// The editor (TipTap, ProseMirror, the Yjs binding) is most of the plan page's code. The
// page draws every section's text without it (SectionText) and asks for it as soon as its
// own code runs, so it loads while the plan syncs; typing waits for it. The service
// worker keeps the chunk for offline use like every other.

/** A section's editor (see SectionEditor.tsx), loaded with the editor's chunk. */
export const SectionEditor = loadingComponent(
  async () => (await import('./SectionEditor.tsx')).SectionEditor,
);

SectionEditor.preload();
// The preview's code once the plan has opened, not among the requests of its opening
// (two of them, 18 KB): switching to the preview then shows it at once.
void afterPageOpened().then(() => AcceptedText.preload());
