export type { CaretUser } from './collaborationExtensions.ts';
export { collaborationExtensions } from './collaborationExtensions.ts';
export { contentExtensions, planSchema } from './contentExtensions.ts';
export { createPlanDoc } from './planDoc.ts';
export { readRichText, sectionPlainText, writeRichText } from './richTextFragment.ts';
