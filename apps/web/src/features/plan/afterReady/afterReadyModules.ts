// The modules the section editor loads just after it is ready to type (see
// afterReadyParts.ts): one import() of this module, so they come as one chunk.
export * as dropcursor from '@tiptap/pm/dropcursor';
export * as gapcursor from '@tiptap/pm/gapcursor';
export * as tables from '@tiptap/pm/tables';
export * as linkify from 'linkifyjs';
