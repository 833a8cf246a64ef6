// SPEC §5 first login (guardians) and student activation: the pages logIn sends a person to (ONBOARDING_PATHS).
import type { FastifyInstance } from 'fastify';
import { registerGuardianActivationRoutes } from '../guardian-activation/routes.tsx';
import { registerStudentActivationRoutes } from '../student-activation/routes.tsx';
import type { ActivationDeps } from './deps.ts';

export type { ActivationDeps } from './deps.ts';

/** /premiere-connexion/:flowId and /activation-eleve/:flowId; call before the server is ready. */
export async function registerActivationRoutes(app: FastifyInstance, deps: ActivationDeps): Promise<void> {
  await registerGuardianActivationRoutes(app, deps);
  await registerStudentActivationRoutes(app, deps);
}
