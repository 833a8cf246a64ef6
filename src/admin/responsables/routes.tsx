// SPEC §4 Responsables (guide §5.1–§5.6): the tab's routes, registered inside the /admin scope. Every POST
// checks the form's CSRF token, every route the chosen establishment; each handler parses its input with zod,
// calls one service and renders one view.
import type { AdminRoutes } from '../http/plugin.tsx';
import { registerAccountRoutes } from './account-routes.tsx';
import { registerActivationRoutes } from './activation-routes.tsx';
import { registerNotifyRoutes } from './notify-routes.tsx';
import { registerResetRoutes } from './reset-routes.tsx';
import { registerSearchRoutes } from './search-routes.tsx';

export const responsablesRoutes: AdminRoutes = (app, deps) => {
  registerSearchRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerNotifyRoutes(app, deps);
  registerResetRoutes(app, deps);
  registerActivationRoutes(app, deps);
};
