import { messagesFor, pickLanguage } from './messages';

/** The browser's language, English or French, chosen once when the page loads. */
export const language = pickLanguage(navigator.languages);
export const t = messagesFor(language);
