// Worker thread entry: registers the TypeScript loader in this thread, then loads the replay worker.
import { register } from 'tsx/esm/api';
register();
await import('./replay-worker.ts');
