export { AriAppConnection } from './AriAppConnection.ts';
export type {
  AriAppConnectionOptions,
  AriBackoffOptions,
  AriWebSocketFactory,
} from './AriAppConnectionOptions.ts';
export { AriClient } from './AriClient.ts';
export {
  type AriConnectionState,
  type AriDisconnectReason,
  type AriInvalidEvent,
  type AriLogFields,
  type AriLogger,
  DEFAULT_MAX_ARI_MESSAGE_BYTES,
  MAX_ARI_APP_NAME_LENGTH,
} from './AriConnectionState.ts';
export { AriError, type AriErrorInit, type AriErrorKind } from './AriError.ts';
export { AriReconnectProbe, type AriReconnectProbeOptions } from './AriReconnectProbe.ts';
export * from './ariEvents.ts';
export * from './ariModels.ts';
export type {
  AddChannelParams,
  AriClientOptions,
  AriQuery,
  AriQueryValue,
  AriRawRequest,
  AriRequestObserver,
  AriRequestOptions,
  BridgeType,
  ContinueParams,
  CreateBridgeParams,
  CreateChannelParams,
  DeviceStateValue,
  DialParams,
  HangupParams,
  HangupReason,
  PlayParams,
  RecordParams,
  StoredRecordingFile,
} from './ariRequestParams.ts';
export { type AriServerConfig, ariServersFromEnv, ariServerVariables } from './config/ariServersFromEnv.ts';
export { ConfigError, problemsOf, readSecretFile } from './config/ConfigError.ts';
