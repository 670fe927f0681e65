/**
 * The longest text each field accepts, in UTF-16 code units: what zod's `max` and an input's
 * `maxlength` both count. The schemas and the form inputs read these, so a field can never hold
 * more than it may save (a pasted megabyte stops at the limit instead of freezing the page).
 */
export const TEXT_LIMITS = {
  /** Names and titles: customers, contacts, products, tasks, complaints, order lines. */
  name: 200,
  street: 200,
  city: 100,
  region: 100,
  postalCode: 20,
  /** Industry, job title, department, product category. */
  shortText: 100,
  sku: 64,
  phone: 40,
  email: 254,
  tag: 40,
  /** Member names, custom field labels and options, saved view names. */
  label: 60,
  workspaceName: 80,
  /** A text custom field's value. */
  customValue: 500,
  /** A follow-up's next step. */
  nextStep: 200,
  /** Notes of customers, contacts and orders; a complaint's description. */
  notes: 20_000,
  /** An interaction's summary and outcome, a feedback comment, a task's notes, a step's note. */
  text: 5000,
  /** A refund's reason; the note of a refund or complaint step as the form sends it. */
  reason: 2000,
  /** A search typed in the list or a picker. */
  query: 4000,
  /** Amounts and quantities as typed ("1,299.50"). */
  amount: 24,
  /** A currency code as typed, before it is trimmed. */
  currency: 8,
  /** A custom field's options, typed comma-separated: 50 options of a label each. */
  customFieldOptions: 50 * 62,
  /** A relay address. */
  relayUrl: 2000,
} as const;
