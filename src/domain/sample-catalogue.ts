/**
 * What the sample business sells and what its team writes down. The sample customers are
 * restaurants, trading firms, shops and private buyers; a tea, gift-box and pantry supplier fits
 * all of them, and its trade has the seasons of a Chinese year (年货 before Spring Festival, Double
 * 11, corporate gifts at year end). Prices are in minor units.
 */

/** [sku, name, category, price in minor units] */
export type CatalogueItem = readonly [string, string, string, number];

export const zhCatalogue: readonly CatalogueItem[] = [
  ['CN-TEA-01', '明前西湖龙井 250g', '茶叶', 38_800],
  ['CN-TEA-02', '安溪铁观音 500g', '茶叶', 26_800],
  ['CN-TEA-03', '云南普洱熟茶饼 357g', '茶叶', 19_800],
  ['CN-TEA-04', '福鼎白茶 寿眉 300g', '茶叶', 16_800],
  ['CN-TEA-05', '武夷岩茶 大红袍 250g', '茶叶', 32_800],
  ['CN-TEA-06', '茉莉花茶 袋泡 100包', '茶叶', 6_800],
  ['CN-GFT-01', '新春年货礼盒', '礼盒', 59_900],
  ['CN-GFT-02', '中秋月饼茶礼盒', '礼盒', 45_800],
  ['CN-GFT-03', '企业定制茶礼（含刻字）', '礼盒', 88_800],
  ['CN-GFT-04', '坚果干果礼盒 1.5kg', '礼盒', 23_800],
  ['CN-WAR-01', '青瓷茶具套装', '茶具', 42_800],
  ['CN-WAR-02', '便携旅行茶具', '茶具', 12_800],
  ['CN-WAR-03', '紫砂壶 250ml', '茶具', 36_800],
  ['CN-PAN-01', '五常大米 10kg', '粮油副食', 12_900],
  ['CN-PAN-02', '压榨花生油 5L', '粮油副食', 9_990],
  ['CN-PAN-03', '东北黑木耳 500g', '粮油副食', 5_800],
  ['CN-PAN-04', '宁夏枸杞 500g', '粮油副食', 6_900],
  ['CN-BEV-01', '挂耳咖啡 50包', '饮品', 15_900],
  ['CN-BEV-02', '冷泡茶 瓶装 24瓶', '饮品', 11_800],
  ['CN-SVC-01', '办公室茶水间月度配送', '服务', 128_000],
  ['CN-SVC-02', '茶艺培训（半天）', '服务', 180_000],
  ['CN-OLD-01', '2024 限量金骏眉礼盒', '礼盒', 68_800],
];

export const enCatalogue: readonly CatalogueItem[] = [
  ['EN-TEA-01', 'Dragon Well green tea, 250 g', 'Tea', 5_900],
  ['EN-TEA-02', 'Tieguanyin oolong, 500 g', 'Tea', 4_200],
  ['EN-TEA-03', 'Aged pu-erh cake, 357 g', 'Tea', 3_600],
  ['EN-TEA-04', 'White peony tea, 300 g', 'Tea', 2_900],
  ['EN-TEA-05', 'Jasmine tea bags, box of 100', 'Tea', 1_400],
  ['EN-TEA-06', 'Earl Grey loose leaf, 500 g', 'Tea', 2_400],
  ['EN-GFT-01', 'Lunar New Year gift box', 'Gift boxes', 8_900],
  ['EN-GFT-02', 'Holiday tea hamper', 'Gift boxes', 7_500],
  ['EN-GFT-03', 'Corporate gift set, engraved', 'Gift boxes', 12_900],
  ['EN-GFT-04', 'Nut and dried fruit box, 1.5 kg', 'Gift boxes', 4_500],
  ['EN-WAR-01', 'Celadon tea set', 'Teaware', 6_800],
  ['EN-WAR-02', 'Travel tea kit', 'Teaware', 2_600],
  ['EN-WAR-03', 'Glass teapot with infuser', 'Teaware', 3_200],
  ['EN-PAN-01', 'Jasmine rice, 10 kg', 'Pantry', 2_800],
  ['EN-PAN-02', 'Cold-pressed peanut oil, 5 L', 'Pantry', 2_200],
  ['EN-PAN-03', 'Goji berries, 500 g', 'Pantry', 1_600],
  ['EN-BEV-01', 'Drip coffee, 50 bags', 'Drinks', 3_200],
  ['EN-BEV-02', 'Cold brew tea, case of 24', 'Drinks', 2_900],
  ['EN-SVC-01', 'Office tea service, monthly', 'Services', 24_000],
  ['EN-SVC-02', 'Tea tasting workshop (half day)', 'Services', 35_000],
  ['EN-OLD-01', '2024 limited Jin Jun Mei box', 'Gift boxes', 11_000],
];

/** Retired products: kept on old orders, no longer offered. */
export const retiredSkus: ReadonlySet<string> = new Set(['CN-OLD-01', 'EN-OLD-01']);

/** Pounds per dollar for British customers' orders of the dollar-priced English catalogue. */
export const GBP_PER_USD = 0.79;

export const zhInteractions = {
  call: ['电话确认下周送货时间', '电话沟通年货礼盒报价', '回访上次订单的使用情况', '电话跟进未付款订单'],
  visit: ['上门拜访，介绍新品茶叶', '到店品茶，试喝了岩茶和白茶', '拜访采购部，了解年底需求'],
  meeting: ['与采购经理开会讨论年度框架协议', '线上会议：企业定制礼盒方案'],
  message: ['微信发送新品目录', '微信沟通发票信息', '微信确认收货地址', '微信发送双十一活动海报'],
  email: ['邮件发送报价单', '邮件确认合同条款', '邮件发送对账单'],
  note: ['客户对价格比较敏感，下次给阶梯报价', '客户希望礼盒可以加公司 logo', '客户反馈物流有点慢'],
} as const;

export const enInteractions = {
  call: ['Call to confirm next week\u2019s delivery', 'Called about the gift box quote', 'Follow-up call on the last order', 'Called about an unpaid invoice'],
  visit: ['Visited the office with new tea samples', 'Tasting at our shop: oolong and white tea', 'Met the buyer on site to plan year-end gifts'],
  meeting: ['Meeting with purchasing about an annual agreement', 'Video call: engraved corporate gift sets'],
  message: ['Sent the new catalogue by message', 'Messaged about invoice details', 'Confirmed the delivery address'],
  email: ['Emailed a quote', 'Emailed the contract terms', 'Emailed the monthly statement'],
  note: ['Price-sensitive: offer volume pricing next time', 'Wants the company logo on gift boxes', 'Mentioned slow delivery last time'],
} as const;

export const zhOutcomes = ['客户同意下单', '需要内部审批', '约好下周再联系', '暂时没有需求', '已发送资料', ''] as const;
export const enOutcomes = ['Agreed to order', 'Needs internal approval', 'Will talk again next week', 'No need for now', 'Sent the details', ''] as const;
export const zhNextSteps = ['发送修改后的报价', '安排样品寄送', '确认发票抬头', '跟进付款', '预约上门拜访', '准备年货礼盒方案'] as const;
export const enNextSteps = ['Send the revised quote', 'Ship samples', 'Confirm invoice details', 'Chase the payment', 'Book a visit', 'Prepare the gift box proposal'] as const;
export const zhTasks = ['准备年底企业礼品报价', '核对上月对账单', '给老客户寄新茶样品', '更新客户联系人信息', '确认春节前最后发货日'] as const;
export const enTasks = ['Prepare year-end corporate gift quote', 'Check last month\u2019s statement', 'Send new season samples', 'Update contact details', 'Confirm last shipping day before the holidays'] as const;

export const zhRefundReasons = {
  defect: ['礼盒外包装破损', '茶叶受潮结块', '茶具运输途中碎裂'],
  wrong_item: ['发错了规格，订的是 500g', '收到的是普洱，不是白茶'],
  not_as_described: ['颜色和图片不一致', '不是页面上写的明前茶'],
  changed_mind: ['活动取消，不需要了', '买多了'],
  late_delivery: ['春节前没送到，礼品用不上了', '物流超时一周'],
  other: ['重复下单', '客户要求开专票，重新下单'],
} as const;
export const enRefundReasons = {
  defect: ['Gift box arrived crushed', 'Tea arrived damp', 'Teapot broken in transit'],
  wrong_item: ['Wrong size sent (ordered 500 g)', 'Received pu-erh instead of white tea'],
  not_as_described: ['Colour differs from the photo', 'Not the grade described'],
  changed_mind: ['Event cancelled', 'Ordered too many'],
  late_delivery: ['Arrived after the holiday', 'Delivery a week late'],
  other: ['Duplicate order', 'Re-ordered under another company name'],
} as const;

export const zhComplaints = {
  product: ['茶叶口感和上次不一样', '礼盒里少了一罐'],
  service: ['客服回复太慢', '报价前后不一致'],
  delivery: ['送货延误三天', '快递员态度差', '包裹被放在门口丢失'],
  billing: ['发票金额开错', '重复扣款'],
  staff: ['销售承诺的赠品没有兑现'],
  other: ['希望增加无糖饮品'],
} as const;
export const enComplaints = {
  product: ['Tea tastes different from last batch', 'One tin missing from the gift box'],
  service: ['Slow replies from support', 'Quote changed after ordering'],
  delivery: ['Delivery three days late', 'Parcel left outside and lost'],
  billing: ['Invoice amount wrong', 'Charged twice'],
  staff: ['Promised free samples never came'],
  other: ['Asked for sugar-free drinks'],
} as const;
export const zhResolutions = ['已补发', '已退款并致歉', '已重新开票', '已与物流公司沟通', '客户接受解释'] as const;
export const enResolutions = ['Sent the missing item', 'Refunded and apologised', 'Reissued the invoice', 'Raised it with the carrier', 'Customer accepted the explanation'] as const;

export const zhFeedback = {
  good: ['茶叶品质很好，同事都很喜欢', '礼盒包装大气，客户很满意', '送货准时，服务周到'],
  neutral: ['还可以，价格稍微有点高', '东西不错，就是物流慢了点'],
  bad: ['包装破损，体验不好', '客服回复太慢', '和描述不太一样'],
} as const;
export const enFeedback = {
  good: ['Excellent tea, the team loved it', 'Gift boxes looked great, clients were happy', 'On time and well packed'],
  neutral: ['Fine, a bit pricey', 'Good products, delivery a little slow'],
  bad: ['Box arrived damaged', 'Support was slow to reply', 'Not quite as described'],
} as const;
