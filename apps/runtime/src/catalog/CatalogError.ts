/** A refused catalog operation, with a message meant for the person who asked. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}
