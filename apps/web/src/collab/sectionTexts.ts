import { sectionPlainText } from '@plenary/editor';
import { hasPlan, readPlan, sectionFragmentName } from '@plenary/model';
import type * as Y from 'yjs';

/** A section's text as plain words, for showing what the server did not take. */
export interface SectionText {
  sectionId: string;
  title: string;
  text: string;
}

/** The plain text of every section in a doc (removed ones too), by section id. */
export function sectionTexts(doc: Y.Doc): Map<string, SectionText> {
  const texts = new Map<string, SectionText>();
  if (!hasPlan(doc)) return texts;
  const plan = readPlan(doc);
  for (const section of [...plan.sections, ...plan.removedSections]) {
    let text: string;
    try {
      text = sectionPlainText(doc.getXmlFragment(sectionFragmentName(section.id)));
    } catch {
      // A fragment the schema cannot read has no text to offer for copying.
      continue;
    }
    texts.set(section.id, { sectionId: section.id, title: section.title, text });
  }
  return texts;
}
