// The console's feature routes, registered inside the /admin scope (guards, CSRF, session).
import type { AdminRoutes } from './http/plugin.tsx';

export const ADMIN_FEATURES: AdminRoutes[] = [];
