/**
 * Five suites: unit (pure logic, no I/O), int (one service or library against the real
 * Postgres, Redis and RabbitMQ), e2e (the whole stack through the gateway), wire (the
 * messages int and e2e produced against docs/asyncapi.json; run after them) and chaos (faults
 * injected mid-import; run alone, --runInBand, as it restarts the shared RabbitMQ). Every
 * int, e2e and chaos test file makes its own databases and QUEUE_PREFIX (test-env.ts).
 */
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      swcrc: false,
      sourceMaps: 'inline',
      module: { type: 'commonjs' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          useDefineForClassFields: false,
        },
        keepClassNames: true,
      },
    },
  ],
};
const moduleNameMapper = {
  '^@app/contracts$': '<rootDir>/libs/contracts/src',
  '^@app/platform$': '<rootDir>/libs/platform/src',
};
const common = {
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeouts.ts'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,test,scripts}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{libs,services}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      slowTestThreshold: 30,
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      slowTestThreshold: 60,
    },
    {
      ...common,
      displayName: 'wire',
      testMatch: ['<rootDir>/test/wire/**/*.wire-spec.ts'],
    },
    {
      ...common,
      displayName: 'chaos',
      testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      slowTestThreshold: 120,
    },
  ],
};
