import { type FunctionComponent, memo, type NamedExoticComponent } from 'react';

type Renderable<P> = FunctionComponent<P> | NamedExoticComponent<P>;

// What `memo()` returns: the component it wraps and how it compares props.
interface Memoised<P> {
  type: FunctionComponent<P>;
  compare: ((a: P, b: P) => boolean) | null;
}

const isMemoised = <P>(component: Renderable<P>): component is Renderable<P> & Memoised<P> =>
  typeof component === 'object' && component !== null && 'type' in component;

/**
 * `component`, counting each of its renders in `counts` under `name(props)`. A memoised
 * component stays memoised, so a render it skips is not counted: what is counted is what
 * React actually ran.
 */
export function countRenders<P extends object>(
  component: Renderable<P>,
  name: (props: P) => string,
  counts: Map<string, number>,
): Renderable<P> {
  const render = (isMemoised(component) ? component.type : component) as FunctionComponent<P>;
  const counted: FunctionComponent<P> = (props) => {
    const key = name(props);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return render(props);
  };
  return isMemoised(component) ? memo(counted, component.compare ?? undefined) : counted;
}
