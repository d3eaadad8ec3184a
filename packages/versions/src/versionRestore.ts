/**
 * Restores a section, or the whole plan, to what a saved version held, as a new change on
 * top of the live plan: history is never rewritten, everyone's copy simply receives the
 * restore as one more update.
 */

import { readRichText } from '@plenary/editor';
import {
  assignSection,
  moveSection,
  type PlanState,
  restoreSection as putBackSection,
  readPlan,
  removeSection,
  renameSection,
  sectionFragmentName,
  setPlanTitle,
  setSectionStatus,
} from '@plenary/model';
import { updateYFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** A restore that cannot be done; `code` says why. */
export class VersionRestoreError extends Error {
  constructor(
    readonly code: 'section-not-in-version',
    message: string,
  ) {
    super(message);
    this.name = 'VersionRestoreError';
  }
}

interface Version {
  doc: Y.Doc;
  plan: PlanState;
}

function loadVersion(state: Uint8Array): Version {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return { doc, plan: readPlan(doc) };
}

/**
 * Makes a live section's text what it was in the version. y-tiptap's `updateYFragment`
 * writes only the difference, so paragraphs that did not change keep their Yjs items
 * (and whoever is typing in them keeps their place).
 */
function restoreText(doc: Y.Doc, version: Version, sectionId: string): void {
  const name = sectionFragmentName(sectionId);
  const content = readRichText(version.doc.getXmlFragment(name));
  updateYFragment(doc, doc.getXmlFragment(name), content, {
    mapping: new Map(),
    isOMark: new Map(),
  });
}

/** Where a section goes back: right after the nearest section before it in the version that is live now. */
function oldPlace(version: PlanState, now: PlanState, sectionId: string): number {
  const order = version.sections.map((s) => s.id);
  const live = now.sections.map((s) => s.id);
  for (let i = order.indexOf(sectionId) - 1; i >= 0; i--) {
    const at = live.indexOf(order[i] as string);
    if (at >= 0) return at + 1;
  }
  return 0;
}

/**
 * Inside the caller's transaction on the live doc: sets one section's content (and title)
 * to what it was in `version`, re-adding the section at its old place if it is gone now.
 * Throws VersionRestoreError('section-not-in-version') when the version lacks it.
 */
export function restoreSection(doc: Y.Doc, version: Uint8Array, sectionId: string): void {
  const saved = loadVersion(version);
  const section = saved.plan.sections.find((s) => s.id === sectionId);
  if (!section) {
    throw new VersionRestoreError(
      'section-not-in-version',
      `Section "${sectionId}" was not part of the plan in this version, so it cannot be restored from it.`,
    );
  }
  doc.transact(() => {
    const now = readPlan(doc);
    const current = now.sections.find((s) => s.id === sectionId);
    if (!current) putBackSection(doc, sectionId, oldPlace(saved.plan, now, sectionId));
    const title = current?.title ?? now.removedSections.find((s) => s.id === sectionId)?.title;
    if (title !== section.title) renameSection(doc, sectionId, section.title);
    restoreText(doc, saved, sectionId);
  });
}

/**
 * Inside the caller's transaction on the live doc: plan title, section order, titles, group
 * assignment, status and contents as in `version`. Sections created after it leave the
 * order (their fragment stays in the doc: nothing lost). Phase, groups, presentation and
 * timer are left as they are now; a section whose group has been archived since stays
 * where it is now, as an archived group takes no sections.
 */
export function restorePlan(doc: Y.Doc, version: Uint8Array): void {
  const saved = loadVersion(version);
  const order = saved.plan.sections.map((s) => s.id);
  doc.transact(() => {
    if (readPlan(doc).title !== saved.plan.title) setPlanTitle(doc, saved.plan.title);
    const wanted = new Set(order);
    for (const { id } of readPlan(doc).sections) if (!wanted.has(id)) removeSection(doc, id);
    const live = new Set(readPlan(doc).sections.map((s) => s.id));
    for (const id of order) if (!live.has(id)) putBackSection(doc, id);
    for (const [index, id] of order.entries()) moveSection(doc, id, index);
    const now = readPlan(doc);
    const activeGroups = new Set(now.groups.filter((g) => !g.archived).map((g) => g.id));
    const current = new Map(now.sections.map((s) => [s.id, s]));
    for (const section of saved.plan.sections) {
      const is = current.get(section.id);
      if (is?.title !== section.title) renameSection(doc, section.id, section.title);
      const groupActive = section.groupId === null || activeGroups.has(section.groupId);
      if (groupActive && is?.groupId !== section.groupId)
        assignSection(doc, section.id, section.groupId);
      if (is?.status !== section.status) setSectionStatus(doc, section.id, section.status);
      restoreText(doc, saved, section.id);
    }
  });
}
