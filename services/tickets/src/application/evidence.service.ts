import { Inject, Injectable } from '@nestjs/common';
import { inScope, type Access } from '@steward/auth';
import { ForbiddenError, NotFoundError, parseInput } from '@steward/errors';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { assertMayHandle, ticketReadScope } from '../domain/ticket-access';
import { TicketRepository } from '../persistence/ticket.repository';
import { checkEvidence, distinctEvidenceIds, evidenceIdOf, requireOnTicket, type EvidenceLimits } from '../domain/evidence-rules';
import type { EvidenceStorage, StoredEvidence } from '../persistence/evidence-storage';
import { toEvidence, type Evidence, type UploadEvidenceInput } from '../graphql/evidence.model';
import { EVIDENCE_LIMITS, EVIDENCE_STORAGE } from './evidence.tokens';

const id = z.string().trim().min(1).max(100);
const uploadSchema = z.object({
  ticketId: id,
  fileName: z.string().max(1000),
  contentType: z.string().trim().min(1).max(200),
  contentBase64: z.string(),
});

@Injectable()
export class EvidenceService {
  constructor(
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    @Inject(EVIDENCE_LIMITS) private readonly limits: EvidenceLimits,
    private readonly tickets: TicketRepository,
  ) {}

  /**
   * Stores a file for a ticket the caller may handle (checked first), after checking the file;
   * the same file again returns the evidence stored first.
   */
  async upload(access: Access, rawInput: UploadEvidenceInput): Promise<Evidence> {
    const input = parseInput(uploadSchema, rawInput);
    const ticket = await this.tickets.findById(input.ticketId, ticketReadScope(access));
    if (!ticket) throw new NotFoundError('Ticket', input.ticketId);
    assertMayHandle(access, ticket);
    const file = checkEvidence(input, this.limits);
    const stored = await this.storage.put(
      evidenceIdOf(ticket._id, file.sha256),
      file.fileName,
      { ticketId: ticket._id, orgPath: ticket.orgPath, uploadedBy: access.actorId(), sha256: file.sha256, contentType: file.contentType },
      file.bytes,
    );
    return toEvidence(stored);
  }

  /**
   * The file and its bytes for the caller: UNAUTHENTICATED for anonymous callers, NOT_FOUND for an
   * unknown id, FORBIDDEN when its ticket (where it is now) lies outside the caller's units.
   */
  async download(access: Access, evidenceId: string): Promise<{ evidence: StoredEvidence; content: Readable }> {
    const scope = ticketReadScope(access);
    const evidence = await this.storage.stat(evidenceId);
    if (!evidence) throw new NotFoundError('Evidence', evidenceId);
    // the ticket may have moved since the upload (escalated, transferred): its current unit decides
    const ticket = await this.tickets.findById(evidence.ticketId, scope);
    if (!ticket && !inScope(scope, evidence.orgPath)) throw new ForbiddenError('This evidence lies outside your units (超出管辖范围)');
    const found = await this.storage.get(evidenceId);
    if (!found) throw new NotFoundError('Evidence', evidenceId);
    return found;
  }

  /** The ids, each once, after checking that every one names evidence of the ticket (else BAD_USER_INPUT). */
  async attachable(ticketId: string, ids: readonly string[] | null | undefined, path: string): Promise<string[]> {
    const distinct = distinctEvidenceIds(ids, path);
    if (distinct.length === 0) return [];
    requireOnTicket(ticketId, distinct, await this.find(distinct), path);
    return distinct;
  }

  /** The evidence of a timeline entry, in its order; unknown ids are left out. */
  async ofEntry(ids: readonly string[]): Promise<Evidence[]> {
    return (await this.find(ids)).map(toEvidence);
  }

  private async find(ids: readonly string[]) {
    const found = await Promise.all(ids.map((evidenceId) => this.storage.stat(evidenceId)));
    return found.filter((evidence) => evidence !== null);
  }
}
