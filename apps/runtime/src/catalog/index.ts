export { CatalogError } from './CatalogError.ts';
export { type PublishRequest, type PublishResult, publishFlow } from './publishFlow.ts';
export { takeCatalogLock } from './takeCatalogLock.ts';
export { unpublishExtension } from './unpublishExtension.ts';
