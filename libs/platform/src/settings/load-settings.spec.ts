import { IsBoolean, IsInt, Matches, MinLength } from 'class-validator';
import { InvalidSettingsError, EnvBoolean, loadSettings } from './load-settings';

class ExampleSettings {
  @Matches(/^amqp:\/\//, { message: 'must be an amqp:// URL' })
  RABBITMQ_URL: string = 'amqp://localhost';

  @IsInt()
  PORT: number = 3000;

  @EnvBoolean()
  @IsBoolean()
  TRUST_PROXY: boolean = false;

  @MinLength(32, { message: 'is required and must be at least 32 characters' })
  JWT_SECRET!: string;
}

const secret = 'x'.repeat(32);

describe('loadSettings', () => {
  it('takes defaults, converts numbers and booleans, and ignores unrelated variables', () => {
    const settings = loadSettings(ExampleSettings, 'example', {
      PORT: '8080',
      TRUST_PROXY: 'yes',
      JWT_SECRET: secret,
      PATH: '/usr/bin',
    });

    expect(settings).toEqual(
      Object.assign(new ExampleSettings(), {
        RABBITMQ_URL: 'amqp://localhost',
        PORT: 8080,
        TRUST_PROXY: true,
        JWT_SECRET: secret,
      }),
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadSettings(ExampleSettings, 'example', { PORT: '', JWT_SECRET: secret }).PORT).toBe(
      3000,
    );
  });

  it('names every invalid or missing setting', () => {
    let error: unknown;
    try {
      loadSettings(ExampleSettings, 'example', {
        RABBITMQ_URL: 'http://x',
        PORT: 'eighty',
        TRUST_PROXY: 'maybe',
      });
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(InvalidSettingsError);
    const problems = (error as InvalidSettingsError).problems.map((p) => p.setting).sort();
    expect(problems).toEqual(['JWT_SECRET', 'PORT', 'RABBITMQ_URL', 'TRUST_PROXY']);
    expect((error as Error).message).toContain('RABBITMQ_URL must be an amqp:// URL');
    expect((error as Error).message).toContain('JWT_SECRET is required');
  });
});
