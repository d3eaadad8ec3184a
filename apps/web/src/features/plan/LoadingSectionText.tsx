import type * as Y from 'yjs';
import { SectionText } from '../sectionText/SectionText.tsx';
import type { GroupColor } from '../sectionText/sectionElements.tsx';

/**
 * How many blocks of a section show while its editor is not there yet (its code loading,
 * or its turn to be made): a screenful, since the editor draws the whole section again.
 */
const LOADING_BLOCKS = 12;

/** A section's first blocks where its editor will be, until the editor is made. */
export function LoadingSectionText({
  fragment,
  groupColor,
}: {
  fragment: Y.XmlFragment;
  groupColor: GroupColor;
}) {
  return (
    <SectionText
      fragment={fragment}
      className="section__editor section__editor--loading"
      groupColor={groupColor}
      maxBlocks={LOADING_BLOCKS}
    />
  );
}
