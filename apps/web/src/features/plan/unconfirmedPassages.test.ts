// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { nextPassage, unconfirmedPassages } from './unconfirmedPassages.ts';

describe('unconfirmedPassages', () => {
  it('stops once per block of marked text, in document order, and wraps around', () => {
    const page = document.createElement('div');
    page.innerHTML = `
      <div class="ProseMirror"><p id="a">Saved. <span class="unconfirmed-text">Typed</span><strong><span class="unconfirmed-text"> bold</span></strong></p>
      <p>Saved only.</p>
      <ul><li><p id="b"><span class="unconfirmed-text">Listed</span></p></li></ul></div>
      <div class="ProseMirror"><h2 id="c"><span class="unconfirmed-text">Heading</span></h2></div>`;
    const passages = unconfirmedPassages(page);
    expect(passages.map((block) => block.id)).toEqual(['a', 'b', 'c']);
    expect(nextPassage(passages, null)?.id).toBe('a');
    expect(nextPassage(passages, passages[0] ?? null)?.id).toBe('b');
    expect(nextPassage(passages, passages[2] ?? null)?.id).toBe('a');
    expect(nextPassage([], null)).toBeUndefined();
  });
});
