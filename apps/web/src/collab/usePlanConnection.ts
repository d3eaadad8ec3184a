import { useEffect, useState } from 'react';
import { connectPlan, type PlanConnection } from './planConnection.ts';

/** The open plan's doc and sync connection, for as long as the component shows the plan. */
export function usePlanConnection(planId: string): PlanConnection | null {
  const [connection, setConnection] = useState<PlanConnection | null>(null);
  useEffect(() => {
    const opened = connectPlan(planId);
    setConnection(opened);
    return () => {
      setConnection(null);
      opened.close();
    };
  }, [planId]);
  return connection;
}
