import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportFormat, ReportRequest } from '../../api/planApi.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { saveBlob } from '../../ui/saveBlob.ts';
import { TextField } from '../../ui/TextField.tsx';
import { usePlanAccess } from './PlanAccessContext.ts';

const FORMATS: readonly ReportFormat[] = ['docx', 'pdf', 'md', 'html'];

const isReportFormat = (value: string): value is ReportFormat =>
  (FORMATS as readonly string[]).includes(value);

/**
 * The report of the plan as a file, for everyone who reads it. Fetched with the session
 * token (a plain link cannot send it) and saved under the name the server gives.
 */
export function ReportDownload() {
  const { t, i18n } = useTranslation();
  const { actor, api } = usePlanAccess();
  const [format, setFormat] = useState<ReportFormat>('docx');
  const [trackedSuggestions, setTrackedSuggestions] = useState(false);
  const [participants, setParticipants] = useState(false);
  const [decisionLog, setDecisionLog] = useState(false);
  const [comments, setComments] = useState(false);
  const [votes, setVotes] = useState(false);
  const [support, setSupport] = useState(false);
  const [date, setDate] = useState('');
  const [venue, setVenue] = useState('');
  // The server refuses the annexes to everyone else: the names in them are sensitive.
  const mayAddAnnexes = actor.role === 'facilitator' || actor.role === 'focal-point';
  const download = useMutation({
    mutationFn: (report: ReportRequest) => api.downloadReport(report),
    onSuccess: ({ blob, fileName }, report) =>
      saveBlob(blob, fileName ?? `${t('report.defaultName')}.${report.format}`),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    download.mutate({
      format,
      trackedSuggestions,
      participants: mayAddAnnexes && participants,
      decisionLog: mayAddAnnexes && decisionLog,
      comments: mayAddAnnexes && comments,
      votes: mayAddAnnexes && votes,
      support,
      date,
      venue,
      language: i18n.language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  };

  return (
    <section className="report-download" aria-labelledby="report-heading">
      <h2 id="report-heading" className="sidebar-heading">
        {t('report.heading')}
      </h2>
      <form className="report-download__form" onSubmit={submit} data-testid="report-download">
        <SelectField
          label={t('report.format')}
          value={format}
          onChange={(event) => {
            if (isReportFormat(event.target.value)) setFormat(event.target.value);
          }}
        >
          {FORMATS.map((option) => (
            <option key={option} value={option}>
              {t(`report.formats.${option}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('report.date')}
          error={null}
          value={date}
          maxLength={80}
          placeholder={t('report.datePlaceholder')}
          onChange={(event) => setDate(event.target.value)}
        />
        <TextField
          label={t('report.venue')}
          error={null}
          value={venue}
          maxLength={160}
          placeholder={t('report.venuePlaceholder')}
          onChange={(event) => setVenue(event.target.value)}
        />
        <ReportOption
          label={t('report.trackedSuggestions')}
          checked={trackedSuggestions}
          onChange={setTrackedSuggestions}
        />
        <ReportOption label={t('report.support')} checked={support} onChange={setSupport} />
        {mayAddAnnexes && (
          <>
            <ReportOption
              label={t('report.decisionLog')}
              checked={decisionLog}
              onChange={setDecisionLog}
            />
            <ReportOption
              label={t('report.participants')}
              checked={participants}
              onChange={setParticipants}
            />
            <ReportOption label={t('report.comments')} checked={comments} onChange={setComments} />
            <ReportOption label={t('report.votes')} checked={votes} onChange={setVotes} />
          </>
        )}
        <SubmitButton
          pending={download.isPending}
          label={t('report.download')}
          pendingLabel={t('report.downloading')}
        />
        <ErrorMessage error={download.error} inline />
      </form>
    </section>
  );
}

/** One yes/no choice about what the report holds. */
function ReportOption({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="report-download__option">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}
