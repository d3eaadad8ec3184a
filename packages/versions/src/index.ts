/**
 * @plenary/versions: what changed between two saved versions of a plan and who changed it
 * (`compareVersions`, with the attribution storage keeps), and putting a section or the
 * whole plan back as a saved version held it.
 *
 * A package of its own because it works on Yjs history, not on a live editor: it reads the
 * schema and the suggestion marks' attributes from @plenary/editor and nothing from
 * @plenary/suggestions at run time. Its tests make suggestions through
 * `@plenary/suggestions/testing`, so it sits above that package in the graph.
 */

export type { VersionAttribution } from './versionAttribution.ts';
export { versionAttribution } from './versionAttribution.ts';
export { compareVersions } from './versionCompare.ts';
export type { DiffBlock, DiffChange, DiffRun, SectionDiff } from './versionDiff.ts';
export { restorePlan, restoreSection, VersionRestoreError } from './versionRestore.ts';
