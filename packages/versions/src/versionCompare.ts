/**
 * Compares two versions of a plan: which text was inserted and deleted between them, and
 * by whom.
 *
 * Both versions are loaded into one Y.Doc that does not garbage-collect, `before` first:
 * Yjs skips the struct ranges a doc already has, so text that `after` deleted keeps the
 * content `before` gave it, and `after`'s delete set only marks it deleted. Walking each
 * section's items (deleted ones included) then tells, item by item, what each side saw:
 * `before`'s state vector and delete set say what it had and what it had already deleted.
 * The plan's structure on each side (section order, titles) is read the same way.
 *
 * The parts: `BeforeState.ts` answers what `before` saw of an item, `BlockComparison.ts`
 * walks a section's blocks and text into runs with their authors, `sectionChanges.ts`
 * reads the sections each side had, and `versionTidy.ts` merges the runs for reading.
 */
import { readPlan, sectionFragmentName } from '@plenary/model';
import * as Y from 'yjs';
import { BeforeState } from './BeforeState.ts';
import { BlockComparison } from './BlockComparison.ts';
import { orderChanges, renamedBy, sectionIds, sectionsBefore } from './sectionChanges.ts';
import type { VersionAttribution } from './versionAttribution.ts';
import type { DiffBlock, SectionDiff } from './versionDiff.ts';
import { cancelRewrittenBlocks } from './versionTidy.ts';

const blockChanged = (block: DiffBlock): boolean =>
  block.change !== null ||
  block.previousLevel !== undefined ||
  block.runs.some((run) => run.change !== null);

/**
 * Compares two versions of a plan. Both states are full `Y.encodeStateAsUpdate` of the
 * plan doc; `before` must be an ancestor state of `after`.
 */
export function compareVersions(
  before: Uint8Array,
  after: Uint8Array,
  attribution: VersionAttribution,
): SectionDiff[] {
  const merged = new Y.Doc({ gc: false });
  Y.applyUpdate(merged, before);
  const base = new BeforeState(merged);
  base.requireIn(after);
  // Yjs would skip the structs `merged` has anyway; not decoding them again is faster.
  Y.applyUpdate(merged, Y.diffUpdate(after, Y.encodeStateVector(merged)));
  const comparison = new BlockComparison(base, attribution);
  const wasBefore = sectionsBefore(merged, base);
  // `before` is part of `after`, so the merged doc reads as `after`.
  const isAfter = readPlan(merged).sections;
  const order = orderChanges(merged, base, attribution);
  const beforeSections = new Map(wasBefore.map((s) => [s.id, s]));
  const afterSections = new Map(isAfter.map((s) => [s.id, s]));
  return sectionIds(wasBefore, isAfter).map((sectionId): SectionDiff => {
    const was = beforeSections.get(sectionId);
    const is = afterSections.get(sectionId);
    const fragment = merged.getXmlFragment(sectionFragmentName(sectionId));
    const blocks = cancelRewrittenBlocks(comparison.blocks(fragment));
    const title = is?.title ?? was?.title ?? '';
    const previousTitle = was && is && was.title !== is.title ? was.title : null;
    if (!was) {
      const participantId = order.added.get(sectionId) ?? null;
      return { sectionId, title, previousTitle, status: 'added', blocks, participantId };
    }
    if (!is) {
      const participantId = order.removed.get(sectionId) ?? null;
      return { sectionId, title, previousTitle, status: 'removed', blocks, participantId };
    }
    const status = previousTitle !== null || blocks.some(blockChanged) ? 'changed' : 'unchanged';
    const diff: SectionDiff = { sectionId, title, previousTitle, status, blocks };
    if (previousTitle !== null) diff.participantId = renamedBy(merged, sectionId, attribution);
    return diff;
  });
}
