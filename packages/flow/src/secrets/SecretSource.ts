/**
 * Where a call's step gets secret values from (the runtime's decrypted credentials store). Only the
 * HTTP lookup's header values use it, through renderWithSecrets: secrets are never call variables.
 */
export interface SecretSource {
  /**
   * The values of the named secrets, by name. Rejects with a StepFailure that says what is wrong (no
   * key configured, no such secret, a value that does not decrypt) and never holds a value.
   */
  values(names: readonly string[]): Promise<ReadonlyMap<string, string>>;
}
