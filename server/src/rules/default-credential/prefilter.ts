/**
 * A file can only hold a default credential if some secret word occurs in it (the names are
 * secret-named), or a URL with a password does.
 */
export const SECRET_WORDS_PREFILTER = /pass(?:w(?:or)?d|phrase)?|pwd|secret|token|api.?key|private.?key|credential|creds|jwt|bearer|authorization|cookie|session|signing|access.?key|otp|db.?key/i;
