/** Names of the two equivalent ways to present an API key in the OpenAPI document. */
export const API_KEY_SECURITY = 'api-key';
export const BEARER_SECURITY = 'bearer';
