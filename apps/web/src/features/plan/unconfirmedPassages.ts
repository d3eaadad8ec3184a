import { UNCONFIRMED_TEXT_CLASS } from '@plenary/editor/classNames';

/** The elements a passage of text lives in: one stop per block, however its marks split it. */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, td, th, blockquote';

/** The blocks holding this person's text not yet on the server, in document order. */
export function unconfirmedPassages(root: ParentNode): Element[] {
  const passages: Element[] = [];
  for (const span of root.querySelectorAll(`.${UNCONFIRMED_TEXT_CLASS}`)) {
    const block = span.parentElement?.closest(BLOCKS) ?? span;
    if (passages.at(-1) !== block) passages.push(block);
  }
  return passages;
}

/** The passage to show after `shown` (the first again after the last, or when it is gone). */
export function nextPassage(passages: Element[], shown: Element | null): Element | undefined {
  const index = shown ? passages.indexOf(shown) : -1;
  return passages[(index + 1) % passages.length];
}
