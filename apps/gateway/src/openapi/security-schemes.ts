/** The API-key schemes every service's OpenAPI document shares (libs/runtime serve-openapi). */
export { API_KEY_SECURITY, BEARER_SECURITY } from '@refurb/runtime';
