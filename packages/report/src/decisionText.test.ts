import { describe, expect, it } from 'vitest';
import { type DecidedSuggestion, describeDecision } from './decisionText.ts';

const decided = (change: Partial<DecidedSuggestion>): DecidedSuggestion => ({
  action: 'accept',
  kind: 'insert',
  insertedText: '',
  deletedText: '',
  authorName: 'Dara',
  groupName: 'Group 1',
  ...change,
});

describe('a decision in the annex', () => {
  it('names the verdict, the author and group, and the text', () => {
    expect(describeDecision(decided({ insertedText: 'all' }))).toBe(
      'Accepted the suggestion of Dara (Group 1): insert “all”',
    );
    expect(
      describeDecision(decided({ action: 'reject', kind: 'delete', deletedText: 'ការពារ' })),
    ).toBe('Rejected the suggestion of Dara (Group 1): delete “ការពារ”');
  });

  it('keeps both sides of a replacement and joins blocks on one line', () => {
    expect(
      describeDecision(
        decided({
          kind: 'replace',
          deletedText: 'old\nwords',
          insertedText: 'new',
          groupName: null,
        }),
      ),
    ).toBe('Accepted the suggestion of Dara: replace “old / words” with “new”');
  });

  it('says a structural change is one, with the text it touches', () => {
    expect(describeDecision(decided({ kind: 'structure', insertedText: 'Roadmap' }))).toBe(
      'Accepted the suggestion of Dara (Group 1): change the structure at “Roadmap”',
    );
    expect(describeDecision(decided({ kind: 'structure' }))).toBe(
      'Accepted the suggestion of Dara (Group 1): change the structure at',
    );
  });
});
