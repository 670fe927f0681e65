import type { Customer } from '../domain/customer';
import type { Contact } from '../domain/contact';
import type { CustomFieldDef } from '../domain/custom-field';
import { isReachable } from '../domain/customer';
import { nameSortKey } from '../domain/sort-key';
import type { CollectionName } from '../workspace/layout';
import type { SavedView } from '../domain/saved-view';
import type { Interaction } from '../domain/interaction';
import type { Product } from '../domain/product';
import { orderTotal, type Order } from '../domain/order';
import { isRefundPending, refundStatus, type Refund } from '../domain/refund';
import type { Feedback } from '../domain/feedback';
import { complaintState, isComplaintOpen, type Complaint } from '../domain/complaint';
import type { Task } from '../domain/task';
import { readVerification } from '../domain/verification';
import { localDateOf } from '../domain/date-math';
import type {
  Alive,
  ComplaintRow,
  ContactRow,
  CustomFieldRow,
  CustomerRow,
  FeedbackRow,
  InteractionRow,
  OrderRow,
  ProductRow,
  RefundRow,
  SavedViewRow,
  TaskRow,
} from './read-db';

const alive = (r: { deletedAt: string | null }): Alive => (r.deletedAt ? 0 : 1);
/** Sorts after every real date: tasks without a due date come last. */
export const NO_DUE_DATE = '9999-12-31';

/** Adds the index keys each read table sorts and filters by. */
export const toRow: Record<CollectionName, (record: never) => object> = {
  customers: (c: Customer): CustomerRow => ({
    ...c,
    alive: alive(c),
    nameKey: nameSortKey(c.name),
    cityKey: c.address.city.toLocaleLowerCase(),
    reachable: isReachable(c) ? 1 : 0,
    birthdayKey: c.birthday ? c.birthday.slice(5) : '',
    sinceKey: localDateOf(c.createdAt).slice(5),
    reviewKey: localDateOf(readVerification(c).verifiedAt ?? c.createdAt),
  }),
  contacts: (c: Contact): ContactRow => ({ ...c, alive: alive(c) }),
  members: (m: object) => m,
  customFields: (f: CustomFieldDef): CustomFieldRow => ({ ...f, alive: alive(f) }),
  views: (v: SavedView): SavedViewRow => ({ ...v, alive: alive(v) }),
  interactions: (i: Interaction): InteractionRow => ({ ...i, alive: alive(i) }),
  products: (p: Product): ProductRow => ({ ...p, alive: alive(p) }),
  orders: (o: Order): OrderRow => ({ ...o, alive: alive(o), total: orderTotal(o) }),
  refunds: (r: Refund): RefundRow => {
    const status = refundStatus(r);
    return { ...r, alive: alive(r), status, pending: isRefundPending(status) ? 1 : 0 };
  },
  feedback: (f: Feedback): FeedbackRow => ({ ...f, alive: alive(f) }),
  complaints: (c: Complaint): ComplaintRow => {
    const { status } = complaintState(c);
    return { ...c, alive: alive(c), status, open: isComplaintOpen(status) ? 1 : 0 };
  },
  tasks: (t: Task): TaskRow => ({ ...t, alive: alive(t), dueKey: t.dueDate ?? NO_DUE_DATE, open: t.done ? 0 : 1 }),
};
