import type { ImportProblem } from '@plenary/model';
import { useTranslation } from 'react-i18next';

/** What an imported file held that the plan could not, one line each, with where it was. */
export function ImportProblems({ problems }: { problems: readonly ImportProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="import-problems">
      <p>{t('import.problemsIntro')}</p>
      <ul className="import-problems__list">
        {problems.map((problem) => (
          <li
            key={`${problem.code}:${problem.where ?? ''}:${problem.detail ?? ''}`}
            data-code={problem.code}
          >
            {t(`import.problem.${problem.code}`, {
              detail: problem.detail ?? '',
              // A code this version does not know yet keeps the server's words.
              defaultValue: problem.message,
            })}
            {problem.count !== undefined && problem.count > 1 && (
              <span className="import-problems__count">
                {' '}
                {t('import.times', { count: problem.count })}
              </span>
            )}
            {problem.where !== undefined && (
              <span className="import-problems__where">
                {' '}
                {t('import.where', { where: problem.where })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
