import { z } from 'zod';

/**
 * Who is calling. Members act through the roles they hold on org units; the
 * bootstrap administrator acts everywhere; service accounts (WeChat intake,
 * API intake, warehouse tools) hold a list of permissions instead of roles.
 */
export const roleGrantSchema = z.object({ role: z.string().min(1), unitId: z.string().min(1) });
export type RoleGrant = z.infer<typeof roleGrantSchema>;

/** The sign-in session the caller's token belongs to (its `stw_sid`), when the token carries one: `signOut` ends it. */
const sessionId = z.string().min(1).optional();

export const principalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ANONYMOUS') }),
  z.object({ kind: z.literal('MEMBER'), id: z.string().min(1), name: z.string().optional(), grants: z.array(roleGrantSchema), sessionId }),
  z.object({ kind: z.literal('ADMIN'), id: z.string().min(1), name: z.string().optional(), sessionId }),
  z.object({ kind: z.literal('SERVICE'), id: z.string().min(1), permissions: z.array(z.string().min(1)), sessionId }),
]);
export type Principal = z.infer<typeof principalSchema>;
export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'ANONYMOUS' }>;

export const ANONYMOUS: Principal = Object.freeze({ kind: 'ANONYMOUS' });

/** A short label for logs and audit entries: `MEMBER:m-1`, `SERVICE:wechat`. */
export function describePrincipal(principal: Principal): string {
  return principal.kind === 'ANONYMOUS' ? 'ANONYMOUS' : `${principal.kind}:${principal.id}`;
}
