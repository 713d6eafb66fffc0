import { maskAddress, maskPhone } from './masking';

describe('PII masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+8613812345678', '+86****5678'],
    ['0555-1234', '*******34'],
    ['7', '*'],
  ])('masks phone %s as %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('keeps the first third of an address', () => {
    expect(maskAddress('青山村3组12号')).toBe('青山村****');
    expect(maskAddress('')).toBe('');
  });
});
