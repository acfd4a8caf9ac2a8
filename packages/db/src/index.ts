export type { DirectSql, SqlStatement, SqlValue } from './DirectSql.ts';
export type {
  Audio,
  Call,
  CallStep,
  Flow,
  FlowVersion,
  PrismaClient,
  Prompt,
  PromptAudio,
  Publication,
  RuntimeEvent,
  VersionAudio,
} from './generated/sqlite/client.ts';
export { Prisma } from './generated/sqlite/client.ts';
export { isRefusedByDatabase } from './isRefusedByDatabase.ts';
export { isUniqueConstraintViolation } from './isUniqueConstraintViolation.ts';
export { migrateDatabase } from './migrateDatabase.ts';
export { type Database, openDatabase } from './openDatabase.ts';
export { type DirectDatabase, openDirectDatabase } from './openDirectDatabase.ts';
export {
  type CallEnded,
  type CallOutcome,
  type CallStarted,
  callLogStatements,
  type NodeEntered,
  type RuntimeEventRow,
  type StepRecorded,
} from './queries/callLogStatements.ts';
export { endLostCalls } from './queries/endLostCalls.ts';
export { type AudioFileFormat, readAudioFile } from './queries/readAudioFile.ts';
export { type FlowVersionRow, readFlowVersion } from './queries/readFlowVersion.ts';
export { type PublicationRow, readPublications } from './queries/readPublications.ts';
export { readVersionAudio, type VersionAudioRow } from './queries/readVersionAudio.ts';
export { type RuntimeStatusRow, writeRuntimeStatus } from './queries/writeRuntimeStatus.ts';
export { redactDatabaseUrl } from './redactDatabaseUrl.ts';
export {
  type DatabaseEngine,
  DEFAULT_SQLITE_PATH,
  type ResolvedDatabaseUrl,
  resolveDatabaseUrl,
} from './resolveDatabaseUrl.ts';
export { readStoredSecrets } from './secrets/readStoredSecrets.ts';
export { SecretRepository, type SecretSummary, type SetSecret } from './secrets/SecretRepository.ts';
export { SecretsKey, SecretsKeyError } from './secrets/SecretsKey.ts';
export {
  decryptSecret,
  type EncryptedSecret,
  encryptSecret,
  SecretDecryptionError,
} from './secrets/secretCipher.ts';
export { secretsKeyFromEnv, secretsKeyMissingMessage } from './secrets/secretsKeyFromEnv.ts';
