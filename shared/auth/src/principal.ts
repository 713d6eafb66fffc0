import { z } from 'zod';

/**
 * Who is calling. Members act through the roles they hold on org units; the
 * bootstrap administrator acts everywhere; service accounts (WeChat intake,
 * API intake, warehouse tools) hold a list of permissions instead of roles.
 */
export const roleGrantSchema = z.object({ role: z.string().min(1), unitId: z.string().min(1) });
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export const principalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ANONYMOUS') }),
  z.object({ kind: z.literal('MEMBER'), id: z.string().min(1), name: z.string().optional(), grants: z.array(roleGrantSchema) }),
  z.object({ kind: z.literal('ADMIN'), id: z.string().min(1), name: z.string().optional() }),
  z.object({ kind: z.literal('SERVICE'), id: z.string().min(1), permissions: z.array(z.string().min(1)) }),
]);
export type Principal = z.infer<typeof principalSchema>;
export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'ANONYMOUS' }>;

export const ANONYMOUS: Principal = Object.freeze({ kind: 'ANONYMOUS' });

/** A short label for logs and audit entries: `MEMBER:m-1`, `SERVICE:wechat`. */
export function describePrincipal(principal: Principal): string {
  return principal.kind === 'ANONYMOUS' ? 'ANONYMOUS' : `${principal.kind}:${principal.id}`;
}
