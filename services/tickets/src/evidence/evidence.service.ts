import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, parseInput } from '@steward/errors';
import { z } from 'zod';
import { TicketRepository } from '../tickets/ticket.repository';
import { checkEvidence, distinctEvidenceIds, evidenceIdOf, requireOnTicket, type EvidenceLimits } from './evidence-rules';
import type { EvidenceStorage } from './evidence-storage';
import { toEvidence, type Evidence, type UploadEvidenceInput } from './evidence.model';
import { EVIDENCE_LIMITS, EVIDENCE_STORAGE } from './evidence.tokens';

const id = z.string().trim().min(1).max(100);
const uploadSchema = z.object({
  ticketId: id,
  fileName: z.string().max(1000),
  contentType: z.string().trim().min(1).max(200),
  contentBase64: z.string(),
  actorId: id.nullish(),
});

@Injectable()
export class EvidenceService {
  constructor(
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
    @Inject(EVIDENCE_LIMITS) private readonly limits: EvidenceLimits,
    private readonly tickets: TicketRepository,
  ) {}

  /** Checks the file, then stores it for the ticket; the same file again returns the evidence stored first. */
  async upload(rawInput: UploadEvidenceInput): Promise<Evidence> {
    const input = parseInput(uploadSchema, rawInput);
    const file = checkEvidence(input, this.limits);
    const ticket = await this.tickets.findById(input.ticketId);
    if (!ticket) throw new NotFoundError('Ticket', input.ticketId);
    const stored = await this.storage.put(
      evidenceIdOf(ticket._id, file.sha256),
      file.fileName,
      { ticketId: ticket._id, orgPath: ticket.orgPath, uploadedBy: input.actorId ?? null, sha256: file.sha256, contentType: file.contentType },
      file.bytes,
    );
    return toEvidence(stored);
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
