/** Word lists for the sample-data generator: common, realistic, and obviously fictional together. */
export const zhSurnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '欧阳', '司马'] as const;
export const zhGiven = ['建国', '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '晓东', '志强', '海燕', '丹', '宇航', '思远', '雨桐', '子涵', '浩然'] as const;
export const zhCities = [
  ['北京', '北京市'], ['上海', '上海市'], ['广州', '广东省'], ['深圳', '广东省'], ['杭州', '浙江省'], ['成都', '四川省'],
  ['武汉', '湖北省'], ['南京', '江苏省'], ['苏州', '江苏省'], ['西安', '陕西省'], ['重庆', '重庆市'], ['厦门', '福建省'],
] as const;
export const zhStreets = ['人民路', '中山路', '解放路', '建设路', '和平街', '长江路', '南京西路', '天河路', '文三路', '春熙路'] as const;
export const zhBrandWords = ['明远', '华盛', '鑫达', '恒通', '盛世', '东方', '金桥', '宏图', '瑞丰', '天成', '佳禾', '创新'] as const;
export const zhIndustries = [['贸易', '贸易'], ['科技', '软件与信息技术'], ['食品', '食品饮料'], ['建材', '建筑材料'], ['物流', '物流运输'], ['服装', '服装纺织'], ['医疗器械', '医疗'], ['餐饮管理', '餐饮']] as const;
export const zhTitles = ['总经理', '采购经理', '财务总监', '行政主管', '销售总监', '技术负责人', '店长', '采购专员'] as const;
export const zhDepartments = ['采购部', '财务部', '行政部', '销售部', '技术部', '总经办'] as const;
export const zhTags = ['VIP', '老客户', '批发', '零售', '潜在大客户', '需回访', '微信群', '展会'] as const;
export const zhNotes = ['喜欢周末来店里。', '对价格比较敏感，注意优惠活动。', '年底有大批量采购计划。', '通过朋友介绍认识。', '偏好微信沟通。', ''] as const;

export const enFirst = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Susan', 'Emma', 'Olivia', 'Noah', 'Liam', 'Sophia', 'Ava', 'Lucas', 'Mia', 'Grace', 'Oliver'] as const;
export const enLast = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Clarke', 'Walker', 'Hughes', 'Evans', 'Turner', 'Bennett'] as const;
export const enCities = [
  ['New York', 'NY', 'US', '212'], ['San Francisco', 'CA', 'US', '415'], ['Chicago', 'IL', 'US', '312'], ['Boston', 'MA', 'US', '617'],
  ['Seattle', 'WA', 'US', '206'], ['Austin', 'TX', 'US', '512'], ['London', 'England', 'GB', '20'], ['Manchester', 'England', 'GB', '161'],
] as const;
export const enStreets = ['Main Street', 'Oak Avenue', 'Maple Drive', 'High Street', 'Park Lane', 'Market Street', 'Church Road', 'Elm Street'] as const;
export const enBrandWords = ['Northwind', 'Bluebird', 'Summit', 'Evergreen', 'Harbor', 'Keystone', 'Brightline', 'Redwood', 'Silverline', 'Cobalt'] as const;
export const enIndustries = [['Trading', 'Wholesale trade'], ['Software', 'Software'], ['Foods', 'Food and beverage'], ['Logistics', 'Logistics'], ['Design', 'Creative services'], ['Health', 'Healthcare']] as const;
export const enSuffixes = ['Ltd', 'Inc.', 'LLC', 'Co.', 'Group'] as const;
export const enTitles = ['CEO', 'Purchasing Manager', 'CFO', 'Office Manager', 'Head of Sales', 'CTO', 'Store Manager', 'Buyer'] as const;
export const enDepartments = ['Purchasing', 'Finance', 'Operations', 'Sales', 'Engineering', 'Executive'] as const;
export const enTags = ['vip', 'wholesale', 'retail', 'newsletter', 'follow-up', 'trade show', 'referral', 'key account'] as const;
export const enNotes = ['Prefers email over calls.', 'Asked about bulk pricing for Q3.', 'Met at the spring trade show.', 'Pays invoices promptly.', 'Interested in the premium line.', ''] as const;
/** Districts of each sample city, for the names of branches (分公司). */
export const zhDistricts = {
  北京: ['朝阳', '海淀', '东城', '西城', '丰台'], 上海: ['浦东', '徐汇', '静安', '黄浦', '闵行'], 广州: ['天河', '越秀', '海珠', '番禺', '白云'],
  深圳: ['南山', '福田', '罗湖', '宝安', '龙岗'], 杭州: ['西湖', '上城', '拱墅', '滨江', '余杭'], 成都: ['锦江', '武侯', '青羊', '金牛', '成华'],
  武汉: ['江汉', '武昌', '洪山', '江岸', '汉阳'], 南京: ['鼓楼', '玄武', '秦淮', '建邺', '江宁'], 苏州: ['姑苏', '吴中', '相城', '虎丘', '吴江'],
  西安: ['雁塔', '碑林', '未央', '新城', '莲湖'], 重庆: ['渝中', '江北', '南岸', '沙坪坝', '九龙坡'], 厦门: ['思明', '湖里', '集美', '海沧', '同安'],
} as const;
