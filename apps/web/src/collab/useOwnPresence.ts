import type { CaretUser } from '@plenary/editor';
import { useEffect, useMemo, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Me } from '../api/planTypes.ts';
import { caretColor } from './identity.ts';

/**
 * Puts this person in the plan's presence and returns how their caret is labelled.
 * The server sets name, role and group on the presence itself; these keep the local
 * label in step until then, and the colour is this device's to choose.
 */
export function useOwnPresence(awareness: Awareness, me: Me): CaretUser {
  const [color] = useState(caretColor);
  const user = useMemo(
    () => ({ name: me.name, color, role: me.role, groupId: me.groupId }),
    [me, color],
  );
  useEffect(() => {
    awareness.setLocalStateField('user', user);
  }, [awareness, user]);
  return user;
}
