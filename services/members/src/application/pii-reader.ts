import { Injectable } from '@nestjs/common';
import type { Access } from '@steward/auth';
import { AuditLog, type AuditEntry } from '@steward/service-kit';
import { piiView } from '../domain/member-access';

/** One personal field of one record, as a field resolver is about to return it. */
export interface PiiRead<T extends string | null> {
  entity: 'Member' | 'Household';
  entityId: string;
  field: string;
  value: T;
  /** The org paths of the record (a member: of each of their units). */
  paths: readonly (readonly string[])[];
  /** The member the record is about; they see it in full. */
  ownerId?: string;
  /** Set when the record is handed to its owner outside a signed-in request (login). */
  ownRecord?: boolean;
  mask: (value: string) => string;
}

/**
 * Decides what a caller sees of a phone or an address (see `piiView`) and
 * writes one PII_READ audit entry per record read in full. Entries of one
 * request are collected while GraphQL resolves its fields and written
 * together before any of those fields is returned, so a read whose audit
 * cannot be written fails.
 */
@Injectable()
export class PiiReader {
  private readonly pending = new WeakMap<Access, { entries: Map<string, AuditEntry & { fields: string[] }>; written: Promise<void> }>();

  constructor(private readonly audit: AuditLog) {}

  async read<T extends string | null>(access: Access, read: PiiRead<T>): Promise<T | string> {
    if (read.value === null || read.ownRecord) return read.value;
    const view = piiView(access, read.paths, read.ownerId);
    if (view === 'MASKED') return read.mask(read.value);
    if (view === 'GRANTED') await this.record(access, read);
    return read.value;
  }

  private record(access: Access, read: PiiRead<string | null>): Promise<void> {
    let batch = this.pending.get(access);
    if (!batch) {
      const entries = new Map<string, AuditEntry & { fields: string[] }>();
      // setImmediate: after the resolvers of the current list/object have asked
      const written = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.pending.delete(access);
        return this.audit.record(access, [...entries.values()]);
      });
      batch = { entries, written };
      this.pending.set(access, batch);
    }
    const key = `${read.entity}:${read.entityId}`;
    const entry = batch.entries.get(key) ?? { action: 'PII_READ' as const, entity: read.entity, entityId: read.entityId, fields: [] };
    if (!entry.fields.includes(read.field)) entry.fields.push(read.field);
    batch.entries.set(key, entry);
    return batch.written;
  }
}
