import { richTextDoc } from '../richText.ts';
import type { PlanTemplate } from './PlanTemplate.ts';

/** A plan with one empty section, for dialogues that bring their own outline. */
export const blankPlan: PlanTemplate = {
  id: 'blank',
  name: 'Blank plan',
  sections: [{ title: 'Introduction', groupId: null, body: richTextDoc() }],
};
