import type { z } from 'zod';
import { customerSchema } from '../domain/customer';
import { contactSchema } from '../domain/contact';
import { memberSchema } from '../domain/member';
import { customFieldDefSchema } from '../domain/custom-field';
import { savedViewSchema } from '../domain/saved-view';
import { interactionSchema } from '../domain/interaction';
import { productSchema } from '../domain/product';
import { orderSchema } from '../domain/order';
import { refundSchema } from '../domain/refund';
import { feedbackSchema } from '../domain/feedback';
import { complaintSchema } from '../domain/complaint';
import { taskSchema } from '../domain/task';
import type { CollectionName } from './layout';

/** The same schemas that check local input also check every record that arrives from a peer. */
export const collectionSchemas: Record<CollectionName, z.ZodType<Record<string, unknown>>> = {
  customers: customerSchema,
  contacts: contactSchema,
  members: memberSchema,
  customFields: customFieldDefSchema,
  views: savedViewSchema,
  interactions: interactionSchema,
  products: productSchema,
  orders: orderSchema,
  refunds: refundSchema,
  feedback: feedbackSchema,
  complaints: complaintSchema,
  tasks: taskSchema,
};
