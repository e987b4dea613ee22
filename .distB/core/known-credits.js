// The news agencies and publications whose bare name is a credit line (credit.ts), Latin and Thai script.
/**
 * News agencies and publications whose bare name is a credit line, in Latin and Thai script.
 * The `credits` configuration field adds to this list.
 */
// biome-ignore format: a list of names reads better packed than one per line
export const DEFAULT_CREDITS = [
    'AFP', 'Agence France-Presse', 'AP', 'Associated Press', 'The Associated Press', 'Reuters', 'Thomson Reuters', 'Bloomberg',
    'Xinhua', 'Kyodo', 'Kyodo News', 'Jiji', 'Jiji Press', 'Yonhap', 'Bernama', 'Antara', 'PNA', 'VNA', 'Vietnam News Agency',
    'TASS', 'RIA Novosti', 'Interfax', 'dpa', 'EFE', 'ANSA', 'UPI', 'PTI', 'ANI', 'IANS', 'AAP', 'CNA', 'Anadolu', 'EPA',
    'EPA-EFE', 'Getty Images', 'AFP/Getty Images', 'Shutterstock', 'BenarNews', 'Benar News', 'Radio Free Asia', 'RFA', 'VOA',
    'Voice of America', 'Al Jazeera', 'BBC', 'BBC News', 'CNN', 'NHK', 'CNBC', 'DW', 'Nikkei', 'Nikkei Asia',
    'South China Morning Post', 'SCMP', 'The Straits Times', 'The Guardian', 'The New York Times', 'New York Times',
    'The Washington Post', 'The Wall Street Journal', 'Financial Times', 'The Economist', 'เอเอฟพี', 'เอพี', 'รอยเตอร์',
    'รอยเตอร์ส', 'บลูมเบิร์ก', 'ซินหัว', 'เกียวโด', 'จิจิ', 'ยอนฮัป', 'เบอร์นามา', 'อันตารา', 'ทาสส์', 'บีบีซี', 'บีบีซีไทย',
    'ซีเอ็นเอ็น', 'เอ็นเอชเค', 'อัลจาซีรา', 'นิกเคอิ', 'ซีเอ็นบีซี', 'NNT', 'TNA', 'MCOT', 'Thai PBS', 'PPTV', 'Bangkok Post',
    'The Nation', 'Khaosod English', 'Prachatai', 'Thai Enquirer', 'THE STANDARD', 'The Matter', 'Spring News', 'Nation TV',
    'Voice TV', 'Workpoint', 'สำนักข่าวไทย', 'อสมท', 'ไทยพีบีเอส', 'พีพีทีวี', 'ไทยรัฐ', 'ไทยรัฐออนไลน์', 'มติชน', 'มติชนออนไลน์',
    'ข่าวสด', 'ข่าวสดออนไลน์', 'เดลินิวส์', 'ผู้จัดการ', 'ผู้จัดการออนไลน์', 'เอ็มจีอาร์ออนไลน์', 'กรุงเทพธุรกิจ',
    'ประชาชาติธุรกิจ', 'ฐานเศรษฐกิจ', 'ไทยโพสต์', 'แนวหน้า', 'โพสต์ทูเดย์', 'สยามรัฐ', 'คมชัดลึก', 'เนชั่นทีวี', 'อมรินทร์ทีวี',
    'ช่อง 3', 'ช่อง 7', 'ช่องวัน', 'เวิร์คพอยท์', 'ประชาไท', 'เดอะสแตนดาร์ด', 'สปริงนิวส์', 'วอยซ์ทีวี', 'กรมประชาสัมพันธ์',
    'สำนักข่าวกรมประชาสัมพันธ์', 'สำนักข่าวอิศรา', 'ทีนิวส์', 'บางกอกโพสต์', 'เดอะเนชั่น', 'ไทยพีบีเอสออนไลน์',
];
//# sourceMappingURL=known-credits.js.map