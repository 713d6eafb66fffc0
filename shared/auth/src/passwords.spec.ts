import { hashPassword, passwordProblems, verifyPassword } from './passwords';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one, with a fresh salt per hash', async () => {
    const hash = await hashPassword('correct horse 1', CHEAP);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('correct');
    await expect(verifyPassword('correct horse 1', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse 2', hash)).resolves.toBe(false);
    expect(await hashPassword('correct horse 1', CHEAP)).not.toBe(hash);
  });

  it('refuses hashes it does not understand', async () => {
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
  });

  it('names what a weak password lacks', () => {
    expect(passwordProblems('short1')).toEqual(['at least 10 characters']);
    expect(passwordProblems('onlyletters')).toEqual(['letters and digits']);
    expect(passwordProblems('村民大管家密码2026')).toEqual([]);
  });
});
