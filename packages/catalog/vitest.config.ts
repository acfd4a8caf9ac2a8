// The database package's settings: migrations take seconds, and the PostgreSQL suite
// (test/postgresql.test.ts) runs only with a server, or always under CI.
export { default } from '../db/vitest.config.ts';
