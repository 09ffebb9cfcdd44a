/**
 * The demo reports of the demo province (see seed-demo-reports.ts): fictional but typical problems,
 * one or more per category, spread over the communes that have their own committee, each with the
 * workflow steps that bring it to its state.
 */
export type DemoStep = 'start' | 'resolve' | 'rate' | 'reopen' | 'reject' | 'assign';
export interface DemoReport {
  category: string;
  commune: string;
  /** Metres east and north of the commune centre. */
  offset: [number, number];
  description: string;
  address: string;
  daysAgo: number;
  showName: boolean;
  steps: DemoStep[];
  data?: Record<string, unknown>;
  colour: string;
}

export const TAN_NINH = '25459';
export const DEMO_REPORTS: DemoReport[] = [
  {
    category: 'cay-xanh',
    commune: TAN_NINH,
    offset: [120, 80],
    description: 'Cây dầu lớn bị gãy nhánh sau mưa giông, nhánh cây chắn nửa lòng đường.',
    address: '30/4, Phường Tân Ninh',
    daysAgo: 6,
    showName: true,
    steps: ['start', 'resolve', 'rate'],
    colour: '#2e7d32',
  },
  {
    category: 'dien-chieu-sang',
    commune: TAN_NINH,
    offset: [-300, 150],
    description: 'Dãy đèn đường tắt cả tuần, buổi tối rất tối và nguy hiểm.',
    address: 'Đường Cách Mạng Tháng Tám',
    daysAgo: 4,
    showName: false,
    steps: ['start', 'resolve'],
    colour: '#f9a825',
  },
  {
    category: 'cap-thoat-nuoc',
    commune: TAN_NINH,
    offset: [400, -200],
    description: 'Nắp cống bị vỡ, xe máy dễ sụp bánh.',
    address: 'Hẻm 12 Trần Hưng Đạo',
    daysAgo: 3,
    showName: true,
    steps: ['start'],
    colour: '#1565c0',
  },
  {
    category: 'trat-tu-do-thi',
    commune: TAN_NINH,
    offset: [-150, -350],
    description: 'Quán nước lấn chiếm hết vỉa hè, người đi bộ phải xuống lòng đường.',
    address: 'Đường Nguyễn Chí Thanh',
    daysAgo: 2,
    showName: false,
    steps: [],
    colour: '#6d4c41',
  },
  {
    category: 'cay-xanh',
    commune: TAN_NINH,
    offset: [600, 500],
    description: 'Cây me cổ thụ nghiêng về phía nhà dân, cần kiểm tra cắt tỉa.',
    address: 'Khu phố 3, Phường Tân Ninh',
    daysAgo: 12,
    showName: false,
    steps: ['start', 'resolve', 'reopen'],
    colour: '#388e3c',
  },
  {
    category: 'dien-chieu-sang',
    commune: TAN_NINH,
    offset: [-500, 420],
    description: 'Trụ điện nghiêng, dây điện võng thấp sát đầu người.',
    address: 'Đường Trưng Nữ Vương',
    daysAgo: 9,
    showName: true,
    steps: [],
    colour: '#ef6c00',
  },
  {
    category: 'khac',
    commune: TAN_NINH,
    offset: [50, -600],
    description: 'Biển tên đường bị mất, khách hỏi đường rất khó tìm.',
    address: 'Ngã tư Trần Phú',
    daysAgo: 1,
    showName: false,
    steps: [],
    colour: '#546e7a',
  },
  {
    category: 'an-toan-thuc-pham',
    commune: TAN_NINH,
    offset: [250, 250],
    description: 'Quán ăn để thực phẩm sống lẫn chín, nhiều ruồi nhặng.',
    address: 'Chợ Tây Ninh',
    daysAgo: 8,
    showName: false,
    steps: ['start', 'resolve', 'rate'],
    data: { ten_co_so: 'Quán cơm Chợ Phường' },
    colour: '#c62828',
  },
  {
    category: 'moi-truong',
    commune: '27694',
    offset: [100, 100],
    description: 'Rác thải đổ bừa bãi ven kênh, bốc mùi hôi.',
    address: 'Bờ kênh Bảo Định',
    daysAgo: 5,
    showName: true,
    steps: ['start'],
    colour: '#558b2f',
  },
  {
    category: 'cay-xanh',
    commune: '27694',
    offset: [-200, 50],
    description: 'Cây xanh ngã đổ đè lên hàng rào trường học.',
    address: 'Đường Hùng Vương, Phường Long An',
    daysAgo: 3,
    showName: false,
    steps: ['start', 'resolve'],
    colour: '#1b5e20',
  },
  {
    category: 'an-toan-giao-thong',
    commune: '27937',
    offset: [300, -300],
    description: 'Ổ gà lớn giữa đường tỉnh, đã có người té ngã.',
    address: 'Đường tỉnh 824, Xã Đức Hòa',
    daysAgo: 7,
    showName: true,
    steps: ['start', 'resolve', 'rate'],
    colour: '#424242',
  },
  {
    category: 'dat-dai-xay-dung',
    commune: '27937',
    offset: [-800, 600],
    description: 'Công trình xây dựng lấn ra hành lang an toàn đường bộ.',
    address: 'Ấp Bình Tiền, Xã Đức Hòa',
    daysAgo: 10,
    showName: false,
    steps: ['start'],
    colour: '#8d6e63',
  },
  {
    category: 'an-ninh-trat-tu',
    commune: '25681',
    offset: [200, 400],
    description: 'Nhóm thanh niên tụ tập đua xe lúc nửa đêm.',
    address: 'Đường ven biên giới, Xã Bến Cầu',
    daysAgo: 4,
    showName: false,
    steps: ['reject'],
    colour: '#37474f',
  },
  {
    category: 'cap-thoat-nuoc',
    commune: '25681',
    offset: [-100, -250],
    description: 'Ống nước sạch bị vỡ, nước chảy tràn ra đường nhiều ngày.',
    address: 'Chợ Bến Cầu',
    daysAgo: 2,
    showName: true,
    steps: ['start', 'resolve'],
    colour: '#0277bd',
  },
  {
    category: 'giao-duc',
    commune: '27712',
    offset: [150, -100],
    description: 'Cổng trường xuống cấp, bong tróc có nguy cơ rơi vào học sinh.',
    address: 'Phường Tân An',
    daysAgo: 6,
    showName: false,
    steps: ['assign', 'start', 'resolve'],
    colour: '#5e35b1',
  },
];
