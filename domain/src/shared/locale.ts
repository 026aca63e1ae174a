import { z } from 'zod';
import { LIMITS } from './limits';

export const LocaleSchema = z.enum(['ko', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

/** A text in Korean (required: the store's language) and English (may be empty; the UI falls back to Korean). */
export const LocalizedTextSchema = z.strictObject({
  ko: z.string().trim().min(1).max(LIMITS.maxNameLength),
  en: z.string().trim().max(LIMITS.maxNameLength).default(''),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const LocalizedLongTextSchema = z.strictObject({
  ko: z.string().trim().max(LIMITS.maxDescriptionLength).default(''),
  en: z.string().trim().max(LIMITS.maxDescriptionLength).default(''),
});
export type LocalizedLongText = z.infer<typeof LocalizedLongTextSchema>;

/** Picks the text in the wanted language, falling back to Korean when the English one is missing. */
export function localized(text: { ko: string; en: string }, locale: Locale): string {
  return locale === 'en' && text.en ? text.en : text.ko;
}
