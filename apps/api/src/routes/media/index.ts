import type { AnyRoute } from '../../http/defineRoute.ts';
import { listSounds } from './soundRoutes.ts';

/** What Asterisk can play (read through ARI), for the editor's pickers. Needs the viewer role. */
export const mediaRoutes: readonly AnyRoute[] = [listSounds];
