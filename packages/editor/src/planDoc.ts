import { defaultGroups, initPlan, type PlanTemplate, sectionFragmentName } from '@plenary/model';
import * as Y from 'yjs';
import { writeRichText } from './richTextFragment.ts';

/** A new plan's Y.Doc, filled from a template: structure in `plan`, text in each section. */
export function createPlanDoc(title: string, template: PlanTemplate): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const ids = initPlan(doc, {
      title,
      groups: defaultGroups(template.groupNames),
      sections: template.sections.map(({ title, groupId }) => ({ title, groupId })),
    });
    template.sections.forEach((section, i) => {
      const id = ids[i];
      if (id) writeRichText(doc.getXmlFragment(sectionFragmentName(id)), section.body);
    });
  });
  return doc;
}
