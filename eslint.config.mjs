// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const DEEP_LIB_IMPORT = {
  group: ['@refurb/*/*', '!@refurb/*/testing', '!@refurb/*/testing/*'],
  message:
    "Import a lib through its index ('@refurb/<lib>'), or its test support through '@refurb/<lib>/testing'.",
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // A lib is used through its index (and its test support through `testing/`): its files may move.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [DEEP_LIB_IMPORT] }],
    },
  },
  {
    // The domain is plain TypeScript: no framework, no database, no broker (docs/conventions.md).
    files: ['libs/{contracts,lifecycle,emissions,issuance}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            DEEP_LIB_IMPORT,
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'typeorm/*',
                'kafkajs',
                'pg',
                '@refurb/*',
                '!@refurb/contracts*',
                '!@refurb/emissions*',
                '!@refurb/lifecycle*',
                '!@refurb/issuance*',
              ],
              message: 'Domain libs stay free of NestJS, TypeORM, Kafka, PostgreSQL and infrastructure libs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
