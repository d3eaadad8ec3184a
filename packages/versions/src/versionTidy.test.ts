import { describe, expect, it } from 'vitest';
import type { DiffBlock, DiffRun } from './versionDiff.ts';
import { cancelRewrittenBlocks, tidyRuns } from './versionTidy.ts';

const kept = (text: string): DiffRun => ({ text, change: null, participantId: null, marks: [] });
const ins = (text: string, by = 'u-sokha'): DiffRun => ({
  text,
  change: 'inserted',
  participantId: by,
  marks: [],
});
const del = (text: string, by = 'u-dara'): DiffRun => ({ ...ins(text, by), change: 'deleted' });
const short = (runs: DiffRun[]) => runs.map((r) => [r.text, r.change, r.participantId]);

describe('tidyRuns', () => {
  it('reads words deleted and written again as unchanged, and keeps what really changed', () => {
    expect(
      short(tidyRuns([kept('We '), ins('protect civilians now'), del('protect civilians')])),
    ).toEqual([
      ['We protect civilians', null, null],
      [' now', 'inserted', 'u-sokha'],
    ]);
  });

  it('never cuts a changed word in two', () => {
    expect(short(tidyRuns([kept('We '), del('civilians'), ins('citizens')]))).toEqual([
      ['We ', null, null],
      ['civilians', 'deleted', 'u-dara'],
      ['citizens', 'inserted', 'u-sokha'],
    ]);
  });

  it('widens a change inside a Khmer cluster to the whole cluster', () => {
    // A subscript typed under the first consonant of "ក្រុម" joins its cluster.
    const runs = tidyRuns([kept('ក'), ins('្ម', 'u-dara'), kept('្រុម ការងារ')]);
    expect(short(runs)).toEqual([
      ['ក្រុ', 'deleted', 'u-dara'],
      ['ក្ម្រុ', 'inserted', 'u-dara'],
      ['ម ការងារ', null, null],
    ]);
  });
});

describe('cancelRewrittenBlocks', () => {
  const block = (text: string, change: DiffBlock['change']): DiffBlock => ({
    type: 'paragraph',
    path: [],
    change,
    participantId: change ? 'u-sokha' : null,
    runs: [change === 'deleted' ? del(text) : change === 'inserted' ? ins(text) : kept(text)],
  });

  it('reads a paragraph removed and written again as one unchanged paragraph', () => {
    const blocks = cancelRewrittenBlocks([
      block('Protect civilians', null),
      block('Early warning', 'inserted'),
      block('Monitoring', 'inserted'),
      block('Early warning', 'deleted'),
      block('Rebuild', null),
    ]);
    expect(blocks.map((b) => [short(b.runs)[0]?.[0], b.change])).toEqual([
      ['Protect civilians', null],
      ['Early warning', null],
      ['Monitoring', 'inserted'],
      ['Rebuild', null],
    ]);
    expect(blocks[1]?.runs).toEqual([kept('Early warning')]);
  });

  it('pairs only blocks of the same kind and place', () => {
    const heading = { ...block('Measures', 'inserted'), type: 'heading', level: 2 };
    const blocks = cancelRewrittenBlocks([block('Measures', 'deleted'), heading]);
    expect(blocks.map((b) => [b.type, b.change])).toEqual([
      ['paragraph', 'deleted'],
      ['heading', 'inserted'],
    ]);
  });
});
