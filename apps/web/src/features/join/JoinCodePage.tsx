import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { openJoinCode } from '../../api/planApi.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { usePageOpened } from '../../ui/afterPageOpened.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * `/join`: for whoever cannot scan the projector's QR code, the short code shown beside
 * it opens the same invite link. The plan's page then asks for a name as the link would.
 */
export function JoinCodePage() {
  const { t } = useTranslation();
  usePageOpened();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const open = useMutation({
    mutationFn: openJoinCode,
    onSuccess: (opened) => navigate(opened.path),
  });

  useEffect(() => {
    document.title = `${t('joinCode.heading')} · ${t('common.appName')}`;
  }, [t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    setMissing(!typed);
    if (typed) open.mutate(typed);
  };

  return (
    <>
      <AppHeader />
      <main className="join-code-page">
        <h1>{t('joinCode.heading')}</h1>
        <form onSubmit={submit} noValidate className="join-form">
          <p className="muted">{t('joinCode.intro')}</p>
          <TextField
            label={t('joinCode.label')}
            error={missing ? t('joinCode.required') : null}
            value={code}
            onChange={(event) => setCode(event.target.value.toUpperCase())}
            maxLength={12}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="join-code-page__input"
            autoFocus
          />
          <ErrorMessage error={open.error} />
          <SubmitButton
            pending={open.isPending}
            label={t('joinCode.open')}
            pendingLabel={t('joinCode.opening')}
          />
        </form>
      </main>
    </>
  );
}
