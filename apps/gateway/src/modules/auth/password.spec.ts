import { hashPassword, verifyPassword } from './password';

describe(hashPassword.name, () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Correct-horse-2026!');
    await expect(verifyPassword('Correct-horse-2026!', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct-horse-2026!', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash and never contains the password', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same-password'),
      hashPassword('same-password'),
    ]);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same-password');
    expect(a).toMatch(/^scrypt\$32768\$[\w-]{22}\$[\w-]{86}$/);
  });

  it('handles non-ASCII passwords', async () => {
    const hash = await hashPassword('密码-很长-2026');
    await expect(verifyPassword('密码-很长-2026', hash)).resolves.toBe(true);
    await expect(verifyPassword('密码-很短-2026', hash)).resolves.toBe(false);
  });

  it('refuses hashes of another scheme or a damaged encoding', async () => {
    const hash = await hashPassword('pw-0123456789');
    const [, n, salt, key] = hash.split('$');
    await expect(verifyPassword('pw-0123456789', `bcrypt$${n}$${salt}$${key}`)).resolves.toBe(
      false,
    );
    await expect(
      verifyPassword('pw-0123456789', `scrypt$${n}$${salt}$${key.slice(0, 20)}`),
    ).resolves.toBe(false);
    await expect(verifyPassword('pw-0123456789', 'scrypt$$$')).resolves.toBe(false);
    await expect(verifyPassword('pw-0123456789', '')).resolves.toBe(false);
  });
});
