/**
 * Validation failures are reported as message keys, never as English text, so the UI can show
 * them in the user's language. Each key exists in src/i18n/messages (checked by a unit test).
 */
export const ErrorCode = {
  required: 'errors.required',
  tooLong: 'errors.tooLong',
  phoneInvalid: 'errors.phoneInvalid',
  phoneNotE164: 'errors.phoneNotE164',
  emailInvalid: 'errors.emailInvalid',
  dateInvalid: 'errors.dateInvalid',
  dateInFuture: 'errors.dateInFuture',
  numberInvalid: 'errors.numberInvalid',
  choiceInvalid: 'errors.choiceInvalid',
  tagInvalid: 'errors.tagInvalid',
  countryInvalid: 'errors.countryInvalid',
  regionInvalid: 'errors.regionInvalid',
  invalid: 'errors.invalid',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
