// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fenceTypingEvents, TYPING_EVENTS } from './typingEventFence.ts';

/** A wrapper in the page with an editable child, and what the document heard. */
function page() {
  const wrapper = document.createElement('div');
  const editable = document.createElement('div');
  editable.contentEditable = 'true';
  wrapper.append(editable);
  document.body.append(wrapper);
  const heard: string[] = [];
  const seenAtEditor: string[] = [];
  const seenInCapture: string[] = [];
  const hear = (event: Event) => heard.push(event.type);
  const capture = (event: Event) => seenInCapture.push(event.type);
  for (const type of [...TYPING_EVENTS, 'focusin', 'click']) {
    document.addEventListener(type, hear);
    document.addEventListener(type, capture, true);
    editable.addEventListener(type, (event) => seenAtEditor.push(event.type));
  }
  const stop = () => {
    for (const type of [...TYPING_EVENTS, 'focusin', 'click']) {
      document.removeEventListener(type, hear);
      document.removeEventListener(type, capture, true);
    }
    wrapper.remove();
  };
  return { wrapper, editable, heard, seenAtEditor, seenInCapture, stop };
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup) undo();
  cleanup = [];
});

describe('fenceTypingEvents', () => {
  it('stops the typing events from an editor at its wrapper, after the editor and capture listeners saw them', () => {
    const { wrapper, editable, heard, seenAtEditor, seenInCapture, stop } = page();
    cleanup.push(stop, fenceTypingEvents(wrapper));

    editable.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    editable.dispatchEvent(new KeyboardEvent('keyup', { key: 'a', bubbles: true }));
    editable.dispatchEvent(new Event('input', { bubbles: true }));
    editable.dispatchEvent(new Event('compositionend', { bubbles: true }));

    expect(heard).toEqual([]);
    expect(seenAtEditor).toEqual(['keydown', 'keyup', 'input', 'compositionend']);
    expect(seenInCapture).toEqual(['keydown', 'keyup', 'input', 'compositionend']);
  });

  it('lets Escape and every other kind of event through to the document', () => {
    const { wrapper, editable, heard, stop } = page();
    cleanup.push(stop, fenceTypingEvents(wrapper));

    editable.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    editable.dispatchEvent(new Event('focusin', { bubbles: true }));
    editable.dispatchEvent(new Event('click', { bubbles: true }));

    expect(heard).toEqual(['keydown', 'focusin', 'click']);
  });

  it('lets everything through again once undone', () => {
    const { wrapper, editable, heard, stop } = page();
    cleanup.push(stop);
    fenceTypingEvents(wrapper)();

    editable.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    editable.dispatchEvent(new Event('input', { bubbles: true }));

    expect(heard).toEqual(['keydown', 'input']);
  });
});
