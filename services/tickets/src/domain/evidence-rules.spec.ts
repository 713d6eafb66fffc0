import {
  checkEvidence,
  distinctEvidenceIds,
  evidenceIdOf,
  EvidenceRejectedError,
  requireOnTicket,
  sanitiseFileName,
  sniffContentType,
  type EvidenceUpload,
} from './evidence-rules';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
const limits = { maxBytes: 1024 };

const upload = (bytes: Buffer, contentType: string, fileName = '现场照片.jpg'): EvidenceUpload => ({
  fileName,
  contentType,
  contentBase64: bytes.toString('base64'),
});

function rejection(run: () => unknown): { reason: string; code: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof EvidenceRejectedError) return { reason: error.reason, code: error.code };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('sniffing the real type', () => {
  it.each([
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['WEBP', WEBP, 'image/webp'],
    ['PDF', PDF, 'application/pdf'],
  ])('knows %s by its first bytes', (_name, bytes, type) => {
    expect(sniffContentType(bytes)).toBe(type);
  });

  it.each([
    ['a GIF', Buffer.from('GIF89a....')],
    ['an executable', Buffer.from('MZ\x90\x00')],
    ['HTML', Buffer.from('<html><script>alert(1)</script>')],
    ['a RIFF that is not WEBP (WAV)', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE')])],
    ['a truncated PNG signature', PNG.subarray(0, 4)],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffContentType(bytes)).toBeUndefined();
  });
});

describe('checking an upload', () => {
  it('accepts an allowed file and hashes its bytes', () => {
    const checked = checkEvidence(upload(PNG, 'image/png', 'photo.png'), limits);
    expect(checked).toMatchObject({ fileName: 'photo.png', contentType: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(checked.bytes.equals(PNG)).toBe(true);
  });

  it('takes a declared type with parameters, any case, and the image/jpg alias', () => {
    expect(checkEvidence(upload(JPEG, 'IMAGE/JPG; q=1'), limits).contentType).toBe('image/jpeg');
  });

  it('accepts exactly the limit and refuses one byte more, before decoding', () => {
    const atLimit = Buffer.concat([PDF, Buffer.alloc(limits.maxBytes - PDF.length)]);
    expect(checkEvidence(upload(atLimit, 'application/pdf', 'a.pdf'), limits).bytes).toHaveLength(limits.maxBytes);
    const over = Buffer.concat([atLimit, Buffer.from([0])]);
    expect(rejection(() => checkEvidence(upload(over, 'application/pdf', 'a.pdf'), limits))).toEqual({
      reason: 'EVIDENCE_TOO_LARGE',
      code: 'BAD_USER_INPUT',
    });
  });

  it.each([
    ['a declared type outside the list', upload(JPEG, 'image/gif'), 'EVIDENCE_TYPE_NOT_ALLOWED'],
    ['bytes of no allowed type', upload(Buffer.from('GIF89a..'), 'image/png'), 'EVIDENCE_TYPE_NOT_ALLOWED'],
    ['a PNG declared as JPEG', upload(PNG, 'image/jpeg'), 'EVIDENCE_TYPE_MISMATCH'],
    ['a PDF declared as PNG', upload(PDF, 'image/png'), 'EVIDENCE_TYPE_MISMATCH'],
    ['nothing', { fileName: 'a.png', contentType: 'image/png', contentBase64: '' }, 'EVIDENCE_EMPTY'],
    ['text that is not base64', { fileName: 'a.png', contentType: 'image/png', contentBase64: 'not base64!' }, 'EVIDENCE_NOT_BASE64'],
    ['padding inside', { fileName: 'a.png', contentType: 'image/png', contentBase64: 'iV==BORw' }, 'EVIDENCE_NOT_BASE64'],
    ['a data URL', { fileName: 'a.png', contentType: 'image/png', contentBase64: `data:image/png;base64,${PNG.toString('base64')}` }, 'EVIDENCE_NOT_BASE64'],
  ])('refuses %s', (_name, input, reason) => {
    expect(rejection(() => checkEvidence(input, limits))).toEqual({ reason, code: 'BAD_USER_INPUT' });
  });

  it('checks files of the default 5 MiB limit (and over it) without running out of stack', () => {
    const big = { maxBytes: 5 * 1024 * 1024 };
    const atLimit = Buffer.concat([PDF, Buffer.alloc(big.maxBytes - PDF.length, 0x41)]);
    expect(checkEvidence(upload(atLimit, 'application/pdf', 'a.pdf'), big).bytes).toHaveLength(big.maxBytes);
    const over = Buffer.concat([atLimit, Buffer.from([0])]);
    expect(rejection(() => checkEvidence(upload(over, 'application/pdf', 'a.pdf'), big)).reason).toBe('EVIDENCE_TOO_LARGE');
    const junk = { fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: `${'A'.repeat(4 * 1024 * 1024)}!!!!` };
    expect(rejection(() => checkEvidence(junk, big)).reason).toBe('EVIDENCE_NOT_BASE64');
  });

  it('takes base64 broken into lines', () => {
    const wrapped = PNG.toString('base64').replace(/(.{4})/g, '$1\n');
    expect(checkEvidence({ fileName: 'a.png', contentType: 'image/png', contentBase64: wrapped }, limits).bytes.equals(PNG)).toBe(true);
  });
});

describe('file names', () => {
  it.each([
    ['现场照片.jpg', 'image/jpeg', '现场照片.jpg'],
    ['C:\\Users\\汤\\Desktop\\before.JPEG', 'image/jpeg', 'before.JPEG'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['invoice.exe', 'application/pdf', 'invoice.exe.pdf'],
    ['photo\u202Egpj.exe', 'image/png', 'photogpj.exe.png'],
    ['a<b>:c"d|e?f*.png', 'image/png', 'a_b__c_d_e_f_.png'],
    ['  ..hidden  .png', 'image/png', 'hidden.png'],
    ['', 'image/webp', 'evidence.webp'],
    ['line\r\nbreak.pdf', 'application/pdf', 'linebreak.pdf'],
  ] as const)('%j as %s becomes %j', (name, type, expected) => {
    expect(sanitiseFileName(name, type)).toBe(expected);
  });

  it('keeps at most 120 characters and the extension', () => {
    const name = sanitiseFileName(`${'长'.repeat(300)}.pdf`, 'application/pdf');
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('evidence ids and references', () => {
  it('gives one file on one ticket one id, and another ticket another', () => {
    const sha = 'a'.repeat(64);
    expect(evidenceIdOf('ticket-1', sha)).toBe(evidenceIdOf('ticket-1', sha));
    expect(evidenceIdOf('ticket-1', sha)).not.toBe(evidenceIdOf('ticket-2', sha));
    expect(evidenceIdOf('ticket-1', sha)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes each id once and at most 20', () => {
    expect(distinctEvidenceIds(['a', ' a', 'b'], 'input.evidenceIds')).toEqual(['a', 'b']);
    expect(distinctEvidenceIds(null, 'input.evidenceIds')).toEqual([]);
    const many = Array.from({ length: 21 }, (_, index) => `e${index}`);
    expect(rejection(() => distinctEvidenceIds(many, 'input.evidenceIds')).reason).toBe('EVIDENCE_TOO_MANY');
  });

  it('refuses evidence that is unknown or uploaded to another ticket', () => {
    const found = [
      { id: 'mine', ticketId: 't1' },
      { id: 'theirs', ticketId: 't2' },
    ];
    expect(() => requireOnTicket('t1', ['mine'], found, 'input.evidenceIds')).not.toThrow();
    expect(rejection(() => requireOnTicket('t1', ['mine', 'theirs'], found, 'input.evidenceIds')).reason).toBe('EVIDENCE_NOT_ON_TICKET');
    expect(rejection(() => requireOnTicket('t1', ['nowhere'], found, 'input.evidenceIds')).reason).toBe('EVIDENCE_NOT_ON_TICKET');
  });
});
