import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Each module owns the tables in its schema.ts; the platform's are under src/platform.
  schema: ['./src/platform/*/schema.ts', './src/modules/*/schema.ts'],
  out: './src/db/migrations',
});
