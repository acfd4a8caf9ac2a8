export { CatalogError } from './CatalogError.ts';
export { type PublishRequest, type PublishResult, publishFlow } from './publishFlow.ts';
export { takeCatalogLock } from './takeCatalogLock.ts';
export { takeWriteLock } from './takeWriteLock.ts';
export { unpublishExtension } from './unpublishExtension.ts';
