// Lint: Next.js core web vitals and TypeScript rules, one import style, and the conventions' sizes
// (../shared/CONVENTIONS.md: a file over ~400 lines or a function over ~60 is a place to split).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const size = { skipBlankLines: true, skipComments: true };

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/db/generated/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      // One import style: types come in through `import type`, modules outside the current folder
      // through the `@/` alias, never through `../`.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "import/no-duplicates": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ regex: "^\\.\\./", message: "Import from outside this folder with '@/…'." }],
        },
      ],
      "max-lines": ["error", { max: 400, ...size }],
      "max-lines-per-function": ["error", { max: 60, ...size }],
    },
  },
]);
