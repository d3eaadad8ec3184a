import { DEFAULT_SUGGESTING_POLICY, type GroupState, type SectionState } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { planAccessFor, renderMarkup } from '../../test-support/renderMarkup.tsx';
import { PhaseBadge } from './PhaseBadge.tsx';
import { PhaseSwitch } from './PhaseSwitch.tsx';
import { PlanNote } from './PlanNote.tsx';
import { SectionControls } from './SectionControls.tsx';
import { SectionHeader } from './SectionHeader.tsx';
import type { SectionAccess } from './sectionAccess.ts';

const group: GroupState = { id: 'g2', name: 'Group 2', color: '#1e7b34', archived: false };
const section = (change: Partial<SectionState> = {}): SectionState => ({
  id: 's1',
  title: 'Risk factors',
  groupId: 'g2',
  status: 'drafting',
  ...change,
});

const header = (state: SectionState, access: SectionAccess, owner = group) =>
  renderMarkup(<SectionHeader section={state} group={owner} access={access} />);

describe('SectionHeader', () => {
  it('badges the section with its group in the group’s colour, and says why it is read-only', () => {
    const html = header(section(), { writable: false, reason: 'other-group' });
    expect(html).toContain('data-testid="section-group" style="color:#1e7b34">Group 2</span>');
    expect(html).toContain('Read-only: Group 2 is drafting this section.');
    expect(html).not.toContain('section-lock');
  });

  it('badges a plenary section "Plenary", and says nothing more where the person may write', () => {
    const html = renderMarkup(
      <SectionHeader
        section={section({ groupId: null })}
        group={undefined}
        access={{ writable: true }}
      />,
    );
    expect(html).toContain('data-testid="section-group">Plenary</span>');
    expect(html).not.toContain('Read-only');
  });

  it('shows a lock and "Agreed" on an agreed section', () => {
    const html = header(section({ status: 'agreed' }), { writable: false, reason: 'agreed' });
    expect(html).toMatch(
      /data-testid="section-lock"[^>]*><svg[^>]*aria-hidden="true"[\s\S]*?<\/svg>Agreed<\/span>/,
    );
  });
});

describe('SectionControls', () => {
  it('names the group and status selects by the section’s title', () => {
    const html = renderMarkup(
      <SectionControls section={section()} groups={[group]} assigns approves pending={[]} />,
      planAccessFor(),
    );
    expect(html).toContain('aria-label="Group for Risk factors"');
    expect(html).toContain(
      '<option value="">Plenary</option><option value="g2" selected="">Group 2</option>',
    );
    expect(html).toContain('aria-label="Status of Risk factors"');
    expect(html).toContain('<option value="agreed">Agreed</option>');
  });

  it('offers only the status to a focal point', () => {
    const html = renderMarkup(
      <SectionControls
        section={section()}
        groups={[group]}
        assigns={false}
        approves
        pending={[]}
      />,
      planAccessFor({ role: 'focal-point' }),
    );
    expect(html).not.toContain('Group for');
    expect(html).toContain('Status of Risk factors');
  });
});

describe('phase', () => {
  it('shows the phase by name to everyone', () => {
    expect(renderMarkup(<PhaseBadge phase="review" />)).toContain(
      '<span data-testid="phase">Review</span>',
    );
  });

  it('gives the facilitator three pressed-or-not buttons', () => {
    const html = renderMarkup(
      <PhaseSwitch phase="drafting" suggesting={DEFAULT_SUGGESTING_POLICY} />,
      planAccessFor(),
    );
    expect(html).toContain('aria-pressed="true">Drafting</button>');
    expect(html).toContain('aria-pressed="false">Review</button>');
    expect(html).toContain('aria-pressed="false">Final</button>');
    expect(html).toContain('Phase of the plan</legend>');
  });

  it('tells members in Review that their changes are proposals, and observers that they read only', () => {
    const member = { role: 'member', groupId: 'g1' } as const;
    expect(renderMarkup(<PlanNote actor={member} phase="review" />)).toContain(
      'Review: your changes are proposals to the plenary',
    );
    expect(renderMarkup(<PlanNote actor={member} phase="drafting" />)).toBe('');
    expect(
      renderMarkup(<PlanNote actor={{ role: 'observer', groupId: null }} phase="drafting" />),
    ).toContain('You are observing');
  });
});
