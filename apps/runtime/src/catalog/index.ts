export { CatalogError } from './CatalogError.ts';
export { type PublishRequest, type PublishResult, publishFlow } from './publishFlow.ts';
export { unpublishExtension } from './unpublishExtension.ts';
