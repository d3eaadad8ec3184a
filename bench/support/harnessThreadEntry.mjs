// A worker thread does not inherit the `--import tsx` of its parent in Node 20, so the
// harness thread registers the TypeScript loader itself before loading its module.
import { register } from 'tsx/esm/api';

register();
await import('./harnessThread.ts');
