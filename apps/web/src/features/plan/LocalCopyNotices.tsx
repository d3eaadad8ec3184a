import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadMarkdown } from '../../collab/downloadMarkdown.ts';
import type { LocalCopy } from '../../collab/LocalCopy.ts';
import { useLocalCopyState } from '../../collab/useLocalCopy.ts';

/**
 * Says when the plan is not kept on this device: a browser without IndexedDB (private
 * browsing, a policy) or a device out of space. The plan goes on online either way.
 * It watches the device copy itself, so the page does not re-render as changes are kept.
 */
export function LocalCopyProblem({ local }: { local: LocalCopy | null }) {
  const { t } = useTranslation();
  const state = useLocalCopyState(local);
  if (state !== 'unavailable' && state !== 'full') return null;
  return (
    <p
      className="alert alert--warning local-copy-problem"
      role="alert"
      data-testid="local-copy-problem"
      data-state={state}
    >
      {t(state === 'full' ? 'localCopy.full' : 'localCopy.unavailable')}
    </p>
  );
}

/**
 * After the link was withdrawn or the plan deleted, offers the copy this device still
 * holds as a Markdown download, and removes it from the device only when asked: nothing
 * typed here is thrown away unseen.
 */
export function EndedCopyOffer({
  title,
  markdown,
  onDiscard,
}: {
  title: string;
  /** Writes the copy as Markdown (called on click, from the doc as it is then). */
  markdown: () => Promise<string>;
  onDiscard: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [removed, setRemoved] = useState(false);
  if (removed) {
    return (
      <p className="muted" data-testid="local-copy-removed">
        {t('localCopy.removed')}
      </p>
    );
  }
  return (
    <section className="card ended-copy" data-testid="ended-copy" aria-labelledby="ended-copy">
      <h2 id="ended-copy">{t('localCopy.endedHeading')}</h2>
      <p className="muted">{t('localCopy.endedIntro')}</p>
      <div className="ended-copy__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={async () => downloadMarkdown(await markdown(), title)}
        >
          {t('localCopy.download')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void onDiscard().then(() => setRemoved(true))}
        >
          {t('localCopy.discard')}
        </button>
      </div>
    </section>
  );
}
