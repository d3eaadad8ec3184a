import { describe, expect, it } from 'vitest';
import { renderMarkup } from '../../test-support/renderMarkup.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';
import { UnsavedText } from './UnsavedText.tsx';

const notice = (kind: 'recovered' | 'stopped' | 'ended' | 'displaced', code: number, reason = '') =>
  renderMarkup(<RefusalNotice notice={{ kind, code, reason }} onDismiss={() => {}} />);

describe('RefusalNotice', () => {
  it('gives the server’s reason for a refused change and says the plan started over', () => {
    const html = notice('recovered', 4403, 'this section belongs to another group');
    expect(html).toContain(
      'data-testid="refusal-notice" data-kind="recovered" data-close-code="4403"',
    );
    expect(html).toContain('Your last change was not saved: this section belongs to another group');
    expect(html).toContain('The plan was loaded again from the server.');
    expect(html).toContain('>Dismiss</button>');
  });

  it('says a withdrawn or expired link in words, and offers no reload that would fail again', () => {
    const revoked = notice('ended', 4410);
    expect(revoked).toContain('The facilitator has withdrawn this link</p>');
    expect(revoked).not.toContain('<button');
    expect(notice('ended', 4440)).toContain('This link has expired</p>');
  });

  it('says the plan is open in too many places, how to go on here, and offers a reload', () => {
    const html = notice('displaced', 4409, 'too many sockets');
    expect(html).toContain('open in too many tabs or devices under your name');
    expect(html).toContain('then reload this page to continue here.');
    expect(html).toContain('>Reload page</button>');
  });

  it('says it stopped trying after a second refusal, and offers a reload', () => {
    const html = notice('stopped', 4403, 'read-only');
    expect(html).toContain('sending it again would fail the same way: read-only');
    expect(html).toContain('>Reload page</button>');
  });
});

describe('UnsavedText', () => {
  it('shows each section’s unsaved text in a read-only field named by the section', () => {
    const html = renderMarkup(
      <UnsavedText
        texts={[{ sectionId: 's1', title: 'Risks', text: 'Hate speech\n\nis a sign.' }]}
        refusedCopy={null}
        title="National Action Plan"
        onDismiss={() => {}}
      />,
    );
    expect(html).toContain('data-testid="unsaved-text"');
    expect(html).toContain('Text that was not saved');
    expect(html).toMatch(/<span>Unsaved text of “Risks”<\/span><textarea readOnly="" rows="4"/);
    expect(html).toContain('Hate speech\n\nis a sign.</textarea>');
  });
});
