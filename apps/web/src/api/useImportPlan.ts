import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './apiFetch.ts';
import type { ImportReport } from './importTypes.ts';
import { outlineBody, outlineQuery } from './outlineFile.ts';
import type { CreatedPlan } from './planTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** A plan made from an outline: as any new plan, plus what the file held that it could not. */
export type ImportedPlan = CreatedPlan & ImportReport;

/** Makes a new plan of a .docx or .md outline; the plan lists refresh afterwards. */
export function useImportPlan(
  adminToken: string | null,
): UseMutationResult<ImportedPlan, Error, File> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      apiFetch<ImportedPlan>(`/plans/import${outlineQuery(file)}`, {
        method: 'POST',
        body: outlineBody(file),
        token: adminToken,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.plans }),
  });
}
