import type { RichTextDoc } from '../richText.ts';

/** A starting point for a new plan: its sections, their groups and their first text. */
export interface PlanTemplate {
  id: string;
  name: string;
  /** The names of its three breakout groups, when not "Group 1" to "Group 3". */
  groupNames?: readonly string[];
  sections: { title: string; groupId: string | null; body: RichTextDoc }[];
}
