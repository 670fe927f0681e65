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
  timeInvalid: 'errors.timeInvalid',
  rangeInvalid: 'errors.rangeInvalid',
  currencyInvalid: 'errors.currencyInvalid',
  amountInvalid: 'errors.amountInvalid',
  amountDecimals: 'errors.amountDecimals',
  amountTooLarge: 'errors.amountTooLarge',
  amountPositive: 'errors.amountPositive',
  quantityInvalid: 'errors.quantityInvalid',
  linesRequired: 'errors.linesRequired',
  discountTooLarge: 'errors.discountTooLarge',
  skuTaken: 'errors.skuTaken',
  scoreInvalid: 'errors.scoreInvalid',
  feedbackEmpty: 'errors.feedbackEmpty',
  refundTooLarge: 'errors.refundTooLarge',
  refundLocked: 'errors.refundLocked',
  customFieldTypeFixed: 'errors.customFieldTypeFixed',
  orderNotRefundable: 'errors.orderNotRefundable',
  orderBelowRefunds: 'errors.orderBelowRefunds',
  lineNotOnOrder: 'errors.lineNotOnOrder',
  statusTransitionInvalid: 'errors.statusTransitionInvalid',
  invalid: 'errors.invalid',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
