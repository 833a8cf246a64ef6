// The console's feature routes, registered inside the /admin scope (guards, CSRF, session).
import type { AdminRoutes } from './http/plugin.tsx';
import { exportRoutes } from './exports/routes.tsx';
import { statisticsRoutes } from './statistics/routes.tsx';
import { responsablesRoutes } from './responsables/routes.tsx';

export const ADMIN_FEATURES: AdminRoutes[] = [exportRoutes, statisticsRoutes, responsablesRoutes];
