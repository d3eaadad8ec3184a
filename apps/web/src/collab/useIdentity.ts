import { useCallback, useState } from 'react';
import { caretColor, storedName, storeName, tidyName } from './identity.ts';

/** Who this person is to the others: a name (null until asked) and a caret colour. */
export interface Identity {
  name: string | null;
  color: string;
  setName(name: string): void;
}

/** This device's display name and caret colour, both remembered across visits. */
export function useIdentity(): Identity {
  const [name, setNameState] = useState(storedName);
  const [color] = useState(() => caretColor());
  const setName = useCallback((next: string) => {
    storeName(next);
    setNameState(tidyName(next) || null);
  }, []);
  return { name, color, setName };
}
