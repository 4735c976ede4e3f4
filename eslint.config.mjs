// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const deepLibImports = {
  group: ['**/libs/*/src/**', '@app/contracts/*', '@app/platform/*'],
  message: 'Import libraries by their alias only (@app/contracts, @app/platform).',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist.*/**',
      'dist-bench/**',
      'node_modules/**',
      'coverage/**',
      'services/*/src/migrations/**',
      'web/dist/**',
      'web/src/api/schema.d.ts',
      'test-results/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': 'error',
    },
  },
  // Services talk through messages only: never through another service's code.
  ...['gateway', 'identity', 'org', 'import'].map((service) => ({
    files: [`services/${service}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepLibImports,
            {
              group: ['gateway', 'identity', 'org', 'import']
                .filter((other) => other !== service)
                .flatMap((other) => [
                  `**/services/${other}/**`,
                  `../../${other}/**`,
                  `../../../${other}/**`,
                ]),
              message:
                'A service never imports another service: send a message defined in @app/contracts.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepLibImports,
            {
              group: ['@nestjs/*', 'typeorm', '@app/platform', '**/services/**'],
              message:
                'Contracts hold message and error definitions only: no Nest, TypeORM or service code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepLibImports,
            { group: ['**/services/**'], message: 'Plumbing knows no service.' },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks read loosely typed JSON answers on purpose.
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'off',
    },
  },
  { files: ['eslint.config.mjs'], languageOptions: { sourceType: 'module' } },
  // The web app's plain scripts, run by the browser as they are (web/public).
  {
    files: ['web/public/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', sessionStorage: 'readonly', fetch: 'readonly' },
    },
  },
  // Another team's program: an ES module on Node's own globals.
  {
    files: ['examples/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { console: 'readonly', fetch: 'readonly', TextEncoder: 'readonly' },
    },
  },
  // The tests' identity providers: ES modules (their libraries are), run by Node.
  {
    files: ['test/support/idp/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { URLSearchParams: 'readonly' } },
  },
);
