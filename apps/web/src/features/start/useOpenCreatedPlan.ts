import { useNavigate } from 'react-router';
import { updatePlanAccess } from '../../access/planAccess.ts';
import type { CreatedPlan } from '../../api/planTypes.ts';

/**
 * Opens a plan this person just made through its facilitator link, so that they join it
 * as its facilitator, and remembers it on this device.
 */
export function useOpenCreatedPlan(): (plan: CreatedPlan) => void {
  const navigate = useNavigate();
  return (plan) => {
    updatePlanAccess(plan.id, { title: plan.title, role: 'facilitator' });
    // The link's path and fragment on this page's own origin: the server may name
    // itself by another address (a LAN IP) than the one this browser uses.
    const link = new URL(plan.url, window.location.href);
    navigate(`${link.pathname}${link.hash}`);
  };
}
