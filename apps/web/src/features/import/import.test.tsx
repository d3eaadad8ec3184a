import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/ApiError.ts';
import { outlineBody } from '../../api/outlineFile.ts';
import { en } from '../../i18n/en.ts';
import { km } from '../../i18n/km.ts';
import { planAccessFor, renderMarkup } from '../../test-support/renderMarkup.tsx';
import { ImportProblems } from './ImportProblems.tsx';
import { importErrorText } from './importErrorText.ts';
import { ReplaceSectionFromFile } from './ReplaceSectionFromFile.tsx';

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'en',
  resources: { en: { translation: en }, km: { translation: km } },
  initAsync: false,
});

describe('ImportProblems', () => {
  it('words each problem for the reader, with where it was and how often', () => {
    const html = renderMarkup(
      <ImportProblems
        problems={[
          { code: 'image', message: '2 picture(s) were left out.', where: 'Prevention', count: 2 },
          { code: 'style', message: 'The style…', detail: 'Action Point' },
          { code: 'future-kind' as 'other', message: 'Something new was left out.' },
        ]}
      />,
    );
    expect(html).toContain(
      'Pictures were left out: a plan holds text only.<span class="import-problems__count"> ×2</span><span class="import-problems__where"> in “Prevention”</span>',
    );
    expect(html).toContain('The style “Action Point” has no match in the plan');
    expect(html).toContain('Something new was left out.');
  });

  it('shows nothing when nothing was left out', () => {
    expect(renderMarkup(<ImportProblems problems={[]} />)).toBe('');
  });
});

describe('importErrorText', () => {
  const t = i18n.getFixedT('km');
  it('says a refused file in the reader’s language', () => {
    const refused = new ApiError(422, 'not-docx', 'This file is not a Word document (.docx): …');
    expect(importErrorText(refused, t, '10 MB')).toBe(km.import.errors['not-docx']);
    const tooLarge = new ApiError(413, 'too-large', 'This file is larger than 10 MiB, …');
    expect(importErrorText(tooLarge, t, '10 MB')).toContain('10 MB');
  });

  it('keeps the server’s words when ours would miss the limit, or do not know the code', () => {
    const tooLarge = new ApiError(413, 'too-large', 'This file is larger than 10 MiB, …');
    expect(importErrorText(tooLarge, t, null)).toBe('This file is larger than 10 MiB, …');
    const other = new ApiError(500, 'internal', 'The server failed.');
    expect(importErrorText(other, t, null)).toBe('The server failed.');
  });
});

describe('Replace with file', () => {
  const section = { id: 's1', title: 'Risk factors', groupId: null, status: 'drafting' as const };
  it('is a button that names the section it replaces', () => {
    const html = renderMarkup(<ReplaceSectionFromFile section={section} />, planAccessFor());
    expect(html).toMatch(/<button[^>]*aria-describedby="section-title-s1"[^>]*>Replace with file…/);
    expect(html).not.toMatch(/<button[^>]*disabled[^>]*>Replace with file…/);
  });

  it('waits for an agreed section to be reopened', () => {
    const agreed = { ...section, status: 'agreed' as const };
    const html = renderMarkup(<ReplaceSectionFromFile section={agreed} />, planAccessFor());
    expect(html).toMatch(/<button[^>]*disabled[^>]*>Replace with file…/);
  });
});

describe('outlineBody', () => {
  it('sends the content type the file name says, whatever the browser guessed', () => {
    expect(outlineBody(new File(['# A'], 'Outline.MD')).type).toBe('text/markdown');
    expect(outlineBody(new File(['x'], 'notes.markdown', { type: 'text/plain' })).type).toBe(
      'text/markdown',
    );
    expect(outlineBody(new File(['PK'], 'draft.docx')).type).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(outlineBody(new File(['%PDF'], 'plan.pdf', { type: 'application/pdf' })).type).toBe(
      'application/pdf',
    );
  });
});
