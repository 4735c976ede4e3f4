import { generatePassword } from './generate-password';

describe('generatePassword', () => {
  it.each(Array.from({ length: 200 }, (_, i) => i))(
    'makes an excellent 20-character password (#%i)',
    () => {
      const password = generatePassword();

      expect(password).toHaveLength(20);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^a-zA-Z0-9]/);
      expect(password).not.toMatch(/(.)\1/);
    },
  );
});
