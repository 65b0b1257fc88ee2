// Every table, for drizzle-kit and the typed client. Each module owns the tables in its schema.ts.

export * from '../modules/accounts/schema.ts';
export * from '../modules/organisations/schema.ts';
export * from '../modules/places/schema.ts';
export * from '../modules/spaces/schema.ts';
export * from '../platform/audit/schema.ts';
export * from '../platform/auth/schema.ts';
export * from '../platform/jobs/schema.ts';
export * from '../platform/mail/schema.ts';
