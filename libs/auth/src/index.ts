export * from './api-key';
export * from './role-key-check';
export * from './authenticated-key';
export * from './session-cookie';
