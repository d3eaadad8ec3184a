import type { ImportProblem } from '@plenary/model';

/** What both import calls report besides their result. */
export interface ImportReport {
  problems: ImportProblem[];
}
