import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { contentDisposition } from './content-disposition';
import type { EvidenceStorage } from './evidence-storage';
import { EVIDENCE_STORAGE } from './evidence.tokens';

/** Downloads of evidence bytes (GET /evidence/:id); always as an attachment, never sniffed or rendered inline. */
@Controller('evidence')
export class EvidenceController {
  constructor(@Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage) {}

  @Get(':id')
  async download(@Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const found = await this.storage.get(id);
    if (!found) throw new NotFoundException(`Evidence ${id} was not found`);
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
