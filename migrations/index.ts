import { Init1795432334564 } from './1795432334564-Init';

// Every migration in order. Listed explicitly so the app, the CLI and jest load the same set.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [Init1795432334564];
