import type { SearchDoc } from '../../../src/search';

/** A customer document with only what a test cares about. */
export function customer(id: string, fields: Partial<Omit<SearchDoc, 'id' | 'kind'>> = {}): SearchDoc {
  return { id, kind: 'customer', customerId: id, name: id, company: '', phones: [], emails: [], city: '', tags: [], notes: '', ...fields };
}

export function contact(id: string, customerId: string, company: string, fields: Partial<Omit<SearchDoc, 'id' | 'kind' | 'customerId' | 'company'>> = {}): SearchDoc {
  return { id, kind: 'contact', customerId, company, name: id, phones: [], emails: [], city: '', tags: [], notes: '', ...fields };
}

/** A small workspace with one of everything the search must tell apart. */
export const workspace: SearchDoc[] = [
  customer('wjg', { name: '王建国', phones: ['+8613800138000'], city: '杭州', tags: ['VIP'], notes: '喜欢周末来店里。' }),
  customer('wjgs', { name: '王建国森', phones: ['+8613912345678'] }),
  customer('lgj', { name: '李国建', phones: ['+8613700001111'] }),
  customer('myco', { name: '上海明远贸易有限公司', phones: ['+862161234567'], emails: ['info@mingyuan.example.cn'], city: '上海' }),
  contact('myco-c1', 'myco', '上海明远贸易有限公司', { name: '张伟', phones: ['+8615800001234'] }),
  customer('smith', { name: 'John Smith', phones: ['+12125550119'], emails: ['john.smith@example.com'], city: 'New York', tags: ['wholesale'] }),
  customer('smithers', { name: 'Anna Smithers', emails: ['anna@smithers.example.com'], city: 'London', phones: ['+447911123456'] }),
  customer('smyth', { name: 'Mary Smyth', city: 'Boston', notes: 'Met at the spring trade show.' }),
  customer('olivia', { name: 'Olivia Brown', notes: 'Asked Smith about bulk pricing.', emails: ['olivia.brown918@example.com'] }),
  customer('lv', { name: '吕敏', city: '北京' }),
  customer('jose', { name: 'José Álvarez', city: 'Madrid' }),
];
