import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { withAuthorRejected } from './authorRejection.ts';
import { decidedDoc } from './suggestionDecisions.ts';
import { MARKED_DOC_AUTHORS, markedDoc } from './testing/randomMarkedDocs.ts';

// What the library makes of rejecting all of an author's suggestions, or the error it throws.
function byLibrary(doc: ProseMirrorNode, authorId: string): ProseMirrorNode | string {
  try {
    return decidedDoc(doc, { action: 'reject', authorId });
  } catch (error) {
    return String(error);
  }
}

function byWalk(doc: ProseMirrorNode, authorId: string): ProseMirrorNode | string {
  try {
    return withAuthorRejected(doc, authorId);
  } catch (error) {
    return String(error);
  }
}

const same = (a: ProseMirrorNode | string, b: ProseMirrorNode | string): boolean =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.eq(b);

describe('withAuthorRejected', () => {
  it('gives the document the library gives, for random sections and each author', () => {
    fc.assert(
      fc.property(markedDoc, fc.constantFrom(...MARKED_DOC_AUTHORS), (doc, authorId) => {
        const walked = byWalk(doc, authorId);
        const library = byLibrary(doc, authorId);
        if (!same(walked, library)) {
          throw new Error(
            `differs for ${authorId} on ${JSON.stringify(doc.toJSON())}:\n` +
              `walk ${typeof walked === 'string' ? walked : JSON.stringify(walked.toJSON())}\n` +
              `library ${typeof library === 'string' ? library : JSON.stringify(library.toJSON())}`,
          );
        }
      }),
      { numRuns: 3_000, seed: 20261207 },
    );
  });
});
