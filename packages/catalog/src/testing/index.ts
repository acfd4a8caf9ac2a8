export { publishFlow, type TestPublication } from './publishFlow.ts';
export { unpublishExtension } from './unpublishExtension.ts';
