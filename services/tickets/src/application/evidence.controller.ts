import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { Access, ANONYMOUS, type Principal } from '@steward/auth';
import { DomainError } from '@steward/errors';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from '@steward/service-kit/core';
import { EvidenceService } from './evidence.service';

const STATUS_OF: Partial<Record<DomainError['code'], number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/**
 * Downloads of evidence bytes (GET /evidence/:id) for the principal the gateway signed
 * (`req.principal`, set by the service kit): readable where the evidence's ticket is. Always
 * as an attachment, never sniffed or rendered inline.
 */
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get(':id')
  async download(@Param('id') id: string, @Req() request: Request & { principal?: Principal }, @Res() response: Response): Promise<void> {
    let found: Awaited<ReturnType<EvidenceService['download']>>;
    try {
      found = await this.evidence.download(Access.of(request.principal ?? ANONYMOUS), id);
    } catch (error) {
      const status = error instanceof DomainError ? STATUS_OF[error.code] : undefined;
      if (!status || !(error instanceof DomainError)) throw error;
      // the same shape as GraphQL errors and the service kit's 401
      response.status(status).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      return;
    }
    const { evidence, content } = found;
    const etag = `"${evidence.sha256}"`;
    response.set({
      etag,
      'cache-control': 'private, max-age=0, must-revalidate',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    if (request.headers['if-none-match'] === etag) {
      content.destroy();
      response.status(304).end();
      return;
    }
    response.set({
      'content-type': evidence.contentType,
      'content-length': String(evidence.size),
      'content-disposition': contentDisposition(evidence.fileName),
    });
    // a failure mid-stream cannot change the status any more: the short body ends the response
    await pipeline(content, response).catch(() => response.destroy());
  }
}
