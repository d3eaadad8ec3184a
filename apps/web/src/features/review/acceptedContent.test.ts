import { writeRichText } from '@plenary/editor';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { acceptedContent, onSettledChange } from './acceptedContent.ts';

const suggestion = { id: 's1', authorId: 'p2', authorName: 'Bora', groupId: 'g1', at: 1 };

/** A section reading "Radio in every each province": "every " a pending deletion, "each " a pending insertion. */
function suggestedSection(): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment('section');
  writeRichText(fragment, {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Radio in ' },
          { type: 'text', text: 'every ', marks: [{ type: 'deletion', attrs: suggestion }] },
          {
            type: 'text',
            text: 'each ',
            marks: [{ type: 'insertion', attrs: { ...suggestion, id: 's2' } }],
          },
          { type: 'text', text: 'province' },
        ],
      },
    ],
  });
  return fragment;
}

describe('acceptedContent', () => {
  it('reads the section with insertions kept as plain text and deletions gone', () => {
    const content = acceptedContent(suggestedSection());
    const json = JSON.stringify(content);
    expect(json).not.toContain('insertion');
    expect(json).not.toContain('deletion');
    const text = (content.content?.[0]?.content ?? []).map((node) => node.text).join('');
    expect(text).toBe('Radio in each province');
  });
});

describe('onSettledChange', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls back once after a burst of changes settles, and not after it stops', () => {
    const fragment = suggestedSection();
    const settled = vi.fn();
    const stop = onSettledChange(fragment, settled, 250);
    for (let i = 0; i < 5; i += 1) {
      fragment.insert(fragment.length, [new Y.XmlElement('paragraph')]);
      vi.advanceTimersByTime(40);
    }
    expect(settled).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(settled).toHaveBeenCalledTimes(1);

    fragment.insert(fragment.length, [new Y.XmlElement('paragraph')]);
    stop();
    vi.advanceTimersByTime(1000);
    expect(settled).toHaveBeenCalledTimes(1);
  });
});
