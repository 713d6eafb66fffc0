import { contentDisposition } from './content-disposition';

describe('contentDisposition (downloads: evidence, spreadsheet exports)', () => {
  it('sends an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition("现场 照片(1)'s.jpg")).toBe(
      `attachment; filename="__ __(1)'s.jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87%281%29%27s.jpg`,
    );
  });

  it('names a spreadsheet export', () => {
    expect(contentDisposition('工单_2026-11.xlsx')).toBe(`attachment; filename="___2026-11.xlsx"; filename*=UTF-8''%E5%B7%A5%E5%8D%95_2026-11.xlsx`);
  });
});
