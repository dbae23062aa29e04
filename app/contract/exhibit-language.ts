import { z } from 'zod';

/**
 * The languages the exhibit speaks to visitors. One setting for the whole
 * exhibit (the hub's --language, later the operator menu): the display and
 * every paired pen page follow it.
 */
export const EXHIBIT_LANGUAGES = ['en', 'de'] as const;
export const exhibitLanguageSchema = z.enum(EXHIBIT_LANGUAGES);
export type ExhibitLanguage = z.infer<typeof exhibitLanguageSchema>;
