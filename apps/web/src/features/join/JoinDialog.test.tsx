import { describe, expect, it } from 'vitest';
import type { InviteInfo } from '../../api/planTypes.ts';
import { renderMarkup } from '../../test-support/renderMarkup.tsx';
import { AccessProblem } from './AccessProblem.tsx';
import { JoinDialog } from './JoinDialog.tsx';

const invite = (change: Partial<InviteInfo> = {}): InviteInfo => ({
  planTitle: 'National Action Plan',
  role: 'member',
  group: { id: 'g1', name: 'Group 1', color: '#0b6bcb' },
  ...change,
});

const render = (info: InviteInfo, extra: { pending?: boolean; error?: unknown } = {}) =>
  renderMarkup(
    <JoinDialog
      invite={info}
      initialName="Vanna"
      pending={extra.pending ?? false}
      error={extra.error ?? null}
      onJoin={() => {}}
    />,
  );

describe('JoinDialog', () => {
  it('asks only for a name, prefilled with the one this device remembers, and says what the link grants', () => {
    const html = render(invite());
    expect(html).toContain('Join “National Action Plan”');
    expect(html).toContain('You are invited as a member of Group 1.');
    expect(html).toMatch(/<label for="[^"]+">Your name<\/label><input[^>]*value="Vanna"/);
    expect(html).toContain('>Join</button>');
    expect(html).not.toContain('Continue as');
  });

  it('shows the server’s refusal in words and disables joining while it is on its way', () => {
    const html = render(invite({ role: 'observer', group: null }), {
      pending: true,
      error: new Error('A name has 1 to 60 characters.'),
    });
    expect(html).toContain('You are invited as an observer');
    expect(html).toContain(
      'role="alert" class="alert alert--error">A name has 1 to 60 characters.',
    );
    expect(html).toContain('disabled="">Joining…</button>');
  });
});

describe('AccessProblem', () => {
  it('says what is wrong and offers to try again only when that can help', () => {
    const html = renderMarkup(
      <AccessProblem heading="An invite link is needed" text="Ask the facilitator for one." />,
    );
    expect(html).toContain('<h1>An invite link is needed</h1><p>Ask the facilitator for one.</p>');
    expect(html).not.toContain('Try again');
    expect(renderMarkup(<AccessProblem heading="h" text="t" onRetry={() => {}} />)).toContain(
      'Try again',
    );
  });
});
