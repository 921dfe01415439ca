/** Limits of an application, shared by the schemas and the screens (no zod here: it ships light). */
export const MAX_TRAVELERS = 10;
export const MAX_NAME_LENGTH = 128;
