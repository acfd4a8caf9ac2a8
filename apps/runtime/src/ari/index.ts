export {
  AriAppConnection,
  type AriAppConnectionOptions,
  type AriBackoffOptions,
  type AriConnectionState,
  type AriDisconnectReason,
  type AriInvalidEvent,
  type AriLogFields,
  type AriLogger,
  type AriWebSocketFactory,
  DEFAULT_MAX_ARI_MESSAGE_BYTES,
  MAX_ARI_APP_NAME_LENGTH,
} from './AriAppConnection.ts';
export {
  type AddChannelParams,
  AriClient,
  type AriClientOptions,
  type AriQuery,
  type AriQueryValue,
  type AriRawRequest,
  type AriRequestObserver,
  type AriRequestOptions,
  type BridgeType,
  type ContinueParams,
  type CreateBridgeParams,
  type CreateChannelParams,
  type DeviceStateValue,
  type DialParams,
  type HangupParams,
  type HangupReason,
  type PlayParams,
  type RecordParams,
  type StoredRecordingFile,
} from './AriClient.ts';
export { AriError, type AriErrorInit, type AriErrorKind } from './AriError.ts';
export { AriReconnectProbe, type AriReconnectProbeOptions } from './AriReconnectProbe.ts';
export * from './ariEvents.ts';
export * from './ariModels.ts';
