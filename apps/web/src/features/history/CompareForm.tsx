import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOW, type VersionSummary } from '../../api/versionTypes.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import type { ComparisonRequest } from './useVersions.ts';
import { versionLabel, versionTime } from './versionLabel.ts';

/**
 * The history, newest first, as a choice of the version to compare (the newest unless
 * another is picked), what to compare it with (now, or another version), and Compare.
 */
export function CompareForm({
  versions,
  onCompare,
}: {
  versions: readonly VersionSummary[];
  onCompare: (request: ComparisonRequest) => void;
}) {
  const { t, i18n } = useTranslation();
  const name = useId();
  const [chosenFrom, setChosenFrom] = useState<string | null>(null);
  const [chosenTo, setChosenTo] = useState<string>(NOW);
  const fromId = versions.some((version) => version.id === chosenFrom)
    ? chosenFrom
    : (versions[0]?.id ?? null);
  const others = versions.filter((version) => version.id !== fromId);
  // A version compared with itself shows nothing: "to" falls back to now.
  const toId = others.some((version) => version.id === chosenTo) ? chosenTo : NOW;
  const describe = (version: VersionSummary) =>
    `${versionLabel(version, t)} · ${versionTime(version.createdAt, i18n.language)}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fromId !== null) onCompare({ fromId, toId });
  };

  return (
    <form className="history-compare" onSubmit={submit}>
      <fieldset className="history-versions">
        <legend className="history-panel__subheading">{t('history.versions')}</legend>
        {versions.length === 0 && <p className="muted">{t('history.empty')}</p>}
        <ol className="history-list" data-testid="history-list">
          {versions.map((version) => (
            <li key={version.id} className="history-version" data-testid="history-version">
              <label className="history-version__choice">
                <input
                  type="radio"
                  name={name}
                  value={version.id}
                  checked={version.id === fromId}
                  onChange={() => setChosenFrom(version.id)}
                />
                <span className="history-version__text">
                  <span className="history-version__label">{versionLabel(version, t)}</span>
                  <span className="history-version__byline">
                    {version.createdBy && `${t('history.by', { name: version.createdBy.name })} · `}
                    <time dateTime={version.createdAt}>
                      {versionTime(version.createdAt, i18n.language)}
                    </time>
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ol>
      </fieldset>
      {fromId !== null && (
        <div className="history-compare__with">
          <SelectField
            label={t('history.compareWith')}
            value={toId}
            onChange={(event) => setChosenTo(event.target.value)}
          >
            <option value={NOW}>{t('history.now')}</option>
            {others.map((version) => (
              <option key={version.id} value={version.id}>
                {describe(version)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button button--primary">
            {t('history.compare')}
          </button>
        </div>
      )}
    </form>
  );
}
