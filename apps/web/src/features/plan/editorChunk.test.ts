import { describe, expect, it, vi } from 'vitest';

const preloadAccepted = vi.fn();
vi.mock('../review/acceptedTextChunk.ts', () => ({
  AcceptedText: { preload: preloadAccepted },
}));
let opened: () => void = () => {};
vi.mock('../../ui/afterPageOpened.ts', () => ({
  afterPageOpened: () =>
    new Promise<void>((resolve) => {
      opened = resolve;
    }),
}));
const editorLoaded = vi.fn();
vi.mock('./SectionEditor.tsx', () => {
  editorLoaded();
  return { SectionEditor: () => null };
});

describe("the editor's chunk", () => {
  it("is asked for as the page's code runs, the preview's only once the page has opened", async () => {
    await import('./editorChunk.ts');
    await vi.waitFor(() => expect(editorLoaded).toHaveBeenCalled());
    expect(preloadAccepted).not.toHaveBeenCalled();
    opened();
    await vi.waitFor(() => expect(preloadAccepted).toHaveBeenCalledTimes(1));
  });
});
