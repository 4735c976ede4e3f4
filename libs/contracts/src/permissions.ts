/** The permission names of Technician Groups (spec section 2), served at GET /api/v1/permissions. */
export const PERMISSIONS = [
  'RemoteControl',
  'RemoteView',
  'SendFile',
  'ReceiveFile',
  'FileManagement',
  'SendURL',
  'ViewSystemInformation',
  'RebootClientComputer',
  'SessionRecording',
  'PrivateSessions',
  'ScriptRunning',
  'UnlimitedScripting',
  'Chat',
  'DeviceConfiguration',
  'UnattendedAccess',
  'ConnectOnLan',
  'EditCustomField',
  'CallingCardDeployment',
] as const;

export type Permission = (typeof PERMISSIONS)[number];
