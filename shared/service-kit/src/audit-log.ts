import { Inject, Injectable } from '@nestjs/common';
import { describePrincipal, type Access } from '@steward/auth';
import type { Connection } from 'mongoose';
import type { Logger } from './logger';
import { LOGGER, MONGO_CONNECTION } from './tokens';

export interface AuditEntry {
  action: 'PII_READ' | 'LOGIN' | 'LOGIN_FAILED' | 'PASSWORD_SET' | 'SIGN_OUT';
  entity: string;
  entityId: string;
  fields?: string[];
}

/**
 * The audit trail (审计日志) of sensitive reads and account events: one document
 * per entry in the service's `audit_log` collection, plus a log line. Writing
 * it is part of the read: when the trail cannot be written, the read fails.
 */
@Injectable()
export class AuditLog {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(access: Access | null, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const actor = access ? describePrincipal(access.principal) : 'ANONYMOUS';
    const at = new Date();
    await this.connection.collection('audit_log').insertMany(entries.map((entry) => ({ ...entry, actor, at })));
    for (const entry of entries) this.logger.info({ audit: true, actor, ...entry }, 'audit');
  }
}
