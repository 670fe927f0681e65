import { describe, expect, it } from 'vitest';
import { contactSearchDoc, customerSearchDoc } from '../../../src/search';
import { contactFields, customerFields, meta } from '../support/fixtures';

describe('search documents from records', () => {
  it('takes what people search a customer by', () => {
    const customer = { ...meta(), ...customerFields({ notes: '年底有大批量采购计划。' }) };
    expect(customerSearchDoc(customer)).toEqual({
      id: customer.id,
      kind: 'customer',
      customerId: customer.id,
      name: '王建国',
      company: '',
      phones: ['+8613800138000'],
      emails: ['wang@example.com'],
      city: '杭州',
      tags: ['VIP'],
      notes: '年底有大批量采购计划。',
    });
  });

  it('gives a contact its company’s name', () => {
    const contact = { ...meta({ id: 'contact-1' }), ...contactFields() };
    expect(contactSearchDoc(contact, '上海明远贸易有限公司')).toEqual({
      id: 'contact-1',
      kind: 'contact',
      customerId: contact.customerId,
      name: '李娜',
      company: '上海明远贸易有限公司',
      phones: ['+8613900139000'],
      emails: [],
      city: '',
      tags: [],
      notes: '',
    });
  });
});
