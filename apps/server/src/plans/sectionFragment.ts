import { readPlan, sectionFragmentName } from '@plenary/model';
import type * as Y from 'yjs';
import { ApiError } from '../errors.ts';

/** The section's fragment, or 404 when the plan has no such live section. */
export function sectionFragment(doc: Y.Doc, sectionId: string): Y.XmlFragment {
  if (!readPlan(doc).sections.some((s) => s.id === sectionId)) {
    throw new ApiError(404, 'section-not-found', `This plan has no section "${sectionId}".`);
  }
  return doc.getXmlFragment(sectionFragmentName(sectionId));
}
