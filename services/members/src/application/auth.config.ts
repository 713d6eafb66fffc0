import { SERVICE_PERMISSIONS } from '@steward/auth';
import { ConfigError, missingSecret, nodeEnvSchema, optionalUnlessEmpty, parseEnv, Secret, secretOrRandom } from '@steward/service-kit/core';
import { z } from 'zod';


const serviceAccountsSchema = z.array(
  z.object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'lower-case id'),
    /** scrypt hash of the client secret (`node tools/hash-secret.mjs`), never the secret itself */
    secretHash: z.string().startsWith('scrypt$'),
    permissions: z.array(z.enum(SERVICE_PERMISSIONS)).min(1),
  }),
);

const authEnvSchema = z.object({
  NODE_ENV: nodeEnvSchema,
  STEWARD_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  STEWARD_JWT_ISSUER: z.string().min(1).default('village-steward'),
  STEWARD_JWT_AUDIENCE: z.string().min(1).default('village-steward'),
  STEWARD_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  /** The administrator of a fresh install: a phone and a scrypt hash of the password */
  STEWARD_ADMIN_PHONE: optionalUnlessEmpty(z.string().regex(/^\d{5,15}$/, 'digits only')),
  STEWARD_ADMIN_PASSWORD_HASH: optionalUnlessEmpty(z.string().startsWith('scrypt$')),
  STEWARD_SERVICE_ACCOUNTS: z
    .string()
    .default('[]')
    .transform((value, context) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be a JSON array' });
        return z.NEVER;
      }
    })
    .pipe(serviceAccountsSchema),
  MEMBERS_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  MEMBERS_LOGIN_LOCK_MS: z.coerce.number().int().min(1000).default(15 * 60_000),
});

export interface AuthConfig {
  issuer: { issuer: string; audience: string; secret: Secret; ttlSeconds: number };
  bootstrapAdmin: { phone: string; passwordHash: Secret } | null;
  serviceAccounts: z.infer<typeof serviceAccountsSchema>;
  lockout: { maxFailures: number; lockMs: number };
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const parsed = parseEnv(authEnvSchema, env);
  if (parsed.NODE_ENV === 'production' && !parsed.STEWARD_JWT_SECRET) throw new ConfigError([missingSecret('STEWARD_JWT_SECRET')]);
  if (Boolean(parsed.STEWARD_ADMIN_PHONE) !== Boolean(parsed.STEWARD_ADMIN_PASSWORD_HASH)) {
    throw new ConfigError(['STEWARD_ADMIN_PHONE and STEWARD_ADMIN_PASSWORD_HASH: set both or neither']);
  }
  return {
    issuer: {
      issuer: parsed.STEWARD_JWT_ISSUER,
      audience: parsed.STEWARD_JWT_AUDIENCE,
      secret: secretOrRandom(parsed.STEWARD_JWT_SECRET, 'STEWARD_JWT_SECRET'),
      ttlSeconds: parsed.STEWARD_TOKEN_TTL_SECONDS,
    },
    bootstrapAdmin:
      parsed.STEWARD_ADMIN_PHONE && parsed.STEWARD_ADMIN_PASSWORD_HASH
        ? { phone: parsed.STEWARD_ADMIN_PHONE, passwordHash: new Secret(parsed.STEWARD_ADMIN_PASSWORD_HASH) }
        : null,
    serviceAccounts: parsed.STEWARD_SERVICE_ACCOUNTS,
    lockout: { maxFailures: parsed.MEMBERS_LOGIN_MAX_FAILURES, lockMs: parsed.MEMBERS_LOGIN_LOCK_MS },
  };
}
