// Every word the editor's desk shows, in Thai and English, and which set a site's language gets.
import { ProblemCode } from './model.js';

/** Problem codes the desk explains: the model's, plus ones other branches add (sanitizer limits, image checks). */
export const DESK_PROBLEM_CODES = [...Object.values(ProblemCode), 'TOO_COMPLEX', 'IMAGE_MISMATCH'] as const;
export type DeskProblemCode = (typeof DESK_PROBLEM_CODES)[number];

/** A plain-words explanation: what happened (a short heading) and what the editor should do. */
export interface ProblemWords {
  readonly what: string;
  readonly todo: string;
}

const th = {
  lang: 'th',
  desk: 'โต๊ะข่าว',
  states: {
    problem: 'มีปัญหา',
    kept: 'ยังแสดงฉบับก่อน',
    held: 'ตั้งเวลาไว้',
    draft: 'ฉบับร่าง',
    published: 'เผยแพร่แล้ว',
    ignored: 'ไม่นำมาใช้',
  },
  stateHelp: {
    problem: 'ไฟล์นี้เผยแพร่ไม่ได้ ดูวิธีแก้ด้านล่าง',
    kept: 'ฉบับที่บันทึกล่าสุดมีปัญหา ผู้อ่านยังเห็นฉบับที่ดีก่อนหน้า',
    held: 'ข่าวจะเผยแพร่เองเมื่อถึงเวลาที่กำหนด',
    draft: 'ฉบับร่าง (draft: true, published: false, status: draft หรือบรรทัด ห้ามเผยแพร่ / DO NOT PUBLISH) ยังไม่เผยแพร่',
    published: 'ผู้อ่านเห็นข่าวนี้แล้วในหน้าเว็บและฟีด',
    ignored:
      'ไม่ใช่ไฟล์ข่าว (ไม่ใช่ .txt หรือ .md หรือเป็นไฟล์ชั่วคราว/ไฟล์ซ่อน) ระบบข้ามไป ถ้าเป็นไฟล์ Word ให้บันทึกเป็นข้อความธรรมดา (.txt) หรือ Markdown (.md)',
  },
  legend: 'สถานะแต่ละแบบหมายถึงอะไร',
  all: 'ทั้งหมด',
  filterLabel: 'กรองตามสถานะ',
  searchLabel: 'ค้นหาตามชื่อไฟล์หรือหัวข้อข่าว',
  searchButton: 'ค้นหา',
  clearSearch: 'ล้างการค้นหา',
  noFiles: 'ไม่มีไฟล์ที่ตรงกัน',
  moreFiles: 'แสดง {shown} ไฟล์แรกจาก {matching} ไฟล์ที่ตรงกัน ค้นหาด้วยชื่อหรือเลือกสถานะเพื่อดูไฟล์อื่น',
  file: 'ไฟล์',
  title: 'หัวข่าว',
  dateline: 'วันที่ในข่าว',
  credit: 'เครดิต',
  language: 'ภาษา',
  saved: 'บันทึกเมื่อ',
  published: 'เผยแพร่เมื่อ',
  took: 'ใช้เวลา',
  heldUntil: 'จะเผยแพร่เมื่อ',
  line: 'บรรทัด',
  details: 'รายละเอียดจากระบบ',
  publicPage: 'หน้าเว็บ',
  preview: 'ดูตัวอย่าง',
  severity: { error: 'ข้อผิดพลาด', warning: 'คำเตือน', info: 'หมายเหตุ' },
  watcher: 'การเฝ้าโฟลเดอร์',
  watcherModes: { native: 'ติดตามการบันทึกทันที', polling: 'ตรวจเป็นระยะ', stopped: 'หยุดทำงาน', starting: 'กำลังเริ่ม' },
  folderAlert: 'โฟลเดอร์บทความมีปัญหา:',
  healthy: 'ปกติ',
  unhealthy: 'ผิดปกติ',
  lastRebuild: 'สร้างหน้าเว็บและฟีดล่าสุด',
  documents: 'เอกสาร',
  never: 'ยังไม่เคย',
  websub: 'การแจ้งศูนย์กลาง WebSub',
  pingOk: 'สำเร็จ',
  pingFailed: 'ล้มเหลว',
  noPings: 'ยังไม่มีการแจ้ง',
  live: 'อัปเดตสด',
  offline: 'ขาดการเชื่อมต่อ กำลังลองใหม่',
  connecting: 'กำลังเชื่อมต่อ',
  previewBanner: 'ตัวอย่าง: ผู้อ่านจะเห็นข่าวนี้แบบนี้ หน้านี้ไม่ได้เผยแพร่',
  backToDesk: 'กลับไปที่โต๊ะข่าว',
  unknownProblem: { what: 'ปัญหาที่ระบบไม่รู้จัก', todo: 'อ่านรายละเอียดด้านล่าง แล้วแจ้งผู้ดูแลระบบถ้ายังไม่แน่ใจ' },
  problems: {
    UNREADABLE: {
      what: 'เปิดไฟล์หรือโฟลเดอร์นี้ไม่ได้',
      todo: 'ไม่มีสิทธิ์อ่าน (ให้ผู้ดูแลแก้สิทธิ์ของไฟล์หรือโฟลเดอร์) หรือโปรแกรมอื่นกำลังใช้ไฟล์อยู่ ปิดไฟล์ในโปรแกรมที่เปิดไว้แล้วบันทึกอีกครั้ง',
    },
    TOO_LARGE: { what: 'ไฟล์ใหญ่เกินไป', todo: 'แบ่งเป็นหลายข่าว หรือลบรูปและโค้ดหน้าเว็บที่วางติดมาออก' },
    BINARY: { what: 'ไม่ใช่ไฟล์ข้อความ', todo: 'อาจเป็นไฟล์ Word หรือรูปภาพ บันทึกข่าวเป็นข้อความธรรมดา (.txt) หรือ Markdown (.md)' },
    BAD_ENCODING: { what: 'อ่านตัวอักษรบางตัวไม่ได้', todo: 'บันทึกไฟล์ใหม่เป็น UTF-8 (บันทึกเป็น → การเข้ารหัส → UTF-8)' },
    EMPTY: { what: 'ไฟล์ว่างเปล่า', todo: 'เขียนข่าวลงในไฟล์ หรือลบไฟล์ทิ้ง' },
    BAD_FRONT_MATTER: {
      what: 'ส่วนหัวระหว่างบรรทัด --- เขียนไม่ถูกต้อง',
      todo: 'ดูบรรทัดที่ระบุ แต่ละบรรทัดต้องเป็น ชื่อ: ค่า ข้อความที่มีเครื่องหมาย : ต้องอยู่ในเครื่องหมายคำพูด และเครื่องหมายคำพูดหรือวงเล็บ [ ] ที่เปิดแล้วต้องปิดด้วย',
    },
    BAD_DATE: {
      what: 'วันที่ไม่ถูกต้อง',
      todo: 'อ่านวันที่ไม่ได้ เป็นวันที่ไม่มีจริง (เช่น 31 เม.ย.) หรือเป็นเวลาห้ามเผยแพร่ (embargo) ที่อ่านได้สองแบบ (เช่น 05/01/2027 คือ 5 ม.ค. หรือ 1 พ.ค.: เขียนชื่อเดือน) แก้วันที่ในบรรทัดที่ระบุ',
    },
    BAD_FIELD: { what: 'ค่าในส่วนหัวผิดรูปแบบ', todo: 'แก้ค่าในบรรทัดที่ระบุให้ถูกชนิด (เช่น tags เป็นรายการ draft เป็น true หรือ false)' },
    SYMLINK: { what: 'เป็นทางลัด ไม่ใช่ไฟล์จริง', todo: 'ระบบไม่ตามทางลัด (symbolic link) ให้วางไฟล์ข่าวจริงไว้ในโฟลเดอร์แทน' },
    SLUG_COLLISION: { what: 'ที่อยู่เว็บซ้ำกับข่าวอื่น', todo: 'เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง หรือกำหนด slug ใหม่ในส่วนหัว' },
    NOT_A_FILE: { what: 'ไม่ใช่ไฟล์ปกติ', todo: 'ชื่อนี้เป็นโฟลเดอร์หรืออุปกรณ์ ลบออก หรือบันทึกข่าวเป็นไฟล์ปกติ' },
    ROOT_MISSING: {
      what: 'ไม่พบโฟลเดอร์ข่าว หรืออ่านโฟลเดอร์ไม่ได้',
      todo: 'ข่าวเดิมยังเผยแพร่อยู่ และจะไม่มีการอัปเดตจนกว่าโฟลเดอร์จะกลับมาหรืออ่านได้ ตรวจว่าโฟลเดอร์มีอยู่และผู้ใช้ของ feedpub มีสิทธิ์อ่าน แจ้งผู้ดูแลเซิร์ฟเวอร์',
    },
    ROOT_FOREIGN: {
      what: 'โฟลเดอร์ข่าวมีแต่ข่าวชุดอื่น',
      todo: 'ไม่พบข่าวที่เผยแพร่อยู่ในโฟลเดอร์นี้เลย จึงไม่ถอดและไม่เผยแพร่ข่าวใดจนกว่าโฟลเดอร์ที่ถูกต้องจะกลับมา ถ้าข่าวชุดนี้คือเว็บใหม่ ให้เริ่ม feedpub ด้วยโฟลเดอร์สถานะใหม่ แจ้งผู้ดูแลเซิร์ฟเวอร์',
    },
    ROOT_EMPTY: { what: 'โฟลเดอร์ข่าวว่างเปล่า', todo: 'ข่าวเดิมยังเผยแพร่อยู่ ตรวจว่าไดรฟ์หรือโฟลเดอร์ที่แชร์ต่ออยู่ แจ้งผู้ดูแลเซิร์ฟเวอร์' },
    WARNING: { what: 'เผยแพร่แล้ว แต่ระบบแก้บางอย่างให้', todo: 'เช่น ลบอักขระแปลกปลอม เปิดดูตัวอย่างว่าข่าวแสดงถูกต้อง' },
    LEGACY_ENCODING: { what: 'ไฟล์เป็นรหัสภาษาไทยแบบเก่า', todo: 'อ่านเป็น TIS-620 แล้วเผยแพร่ ตรวจตัวอย่าง แล้วบันทึกไฟล์ใหม่เป็น UTF-8' },
    CHARS_REMOVED: { what: 'เผยแพร่แล้ว โดยลบอักขระแปลกปลอมออก', todo: 'อักขระควบคุมที่มองไม่เห็นถูกลบ เปิดดูตัวอย่างว่าข่าวแสดงถูกต้อง' },
    MARKS_DROPPED: { what: 'เผยแพร่แล้ว โดยตัดสระหรือวรรณยุกต์ที่ซ้อนเกิน', todo: 'ตัวอักษรหนึ่งตัวมีสระหรือวรรณยุกต์ซ้อนเกินสี่ตัว ตรวจคำในบรรทัดนั้น' },
    FUTURE_DATE: { what: 'วันที่อยู่ในอนาคต จึงใช้เวลาที่บันทึกแทน', todo: 'ตรวจวันที่ในข่าว ถ้าตั้งใจให้รอเผยแพร่ ให้ตั้ง futureStories เป็น hold' },
    HELD_AFTER_PUBLISHED: { what: 'ข่าวที่เผยแพร่แล้วถูกดึงกลับไปรอ', todo: 'วันที่ถูกแก้เป็นอนาคต ข่าวจะกลับมาเมื่อถึงเวลานั้น ถ้าพิมพ์วันที่ผิด ให้แก้วันที่' },
    DATE_LOST: {
      what: 'อ่านวันที่ของข่าวไม่ได้ จึงคงวันที่เดิมไว้',
      todo: 'บรรทัดวันที่อาจพิมพ์ผิด (เช่น ชื่อเดือน) บรรทัดนั้นจึงแสดงเป็นเนื้อข่าว แก้บรรทัดวันที่ให้ถูก',
    },
    UNSURE: { what: 'ระบบไม่แน่ใจบางบรรทัด', todo: 'ระบบอ่านตามที่บันทึกไว้ข้างล่าง ตรวจว่าบรรทัดที่ระบุ (เช่น เครดิต เวลาห้ามเผยแพร่) อ่านได้ตามที่ตั้งใจ' },
    DUPLICATE_ID: { what: 'id ซ้ำกับไฟล์อื่น', todo: 'ไฟล์นี้จึงได้ id ใหม่ของตัวเอง ลบหรือเปลี่ยนช่อง id ถ้าไม่ได้ตั้งใจให้ซ้ำ' },
    HELD_TEXT: {
      what: 'ข่าวนี้มีเนื้อหาของข่าวที่รอเผยแพร่ จึงรอไปด้วย',
      todo: 'ไม่มีบรรทัดวันที่ของตัวเอง แต่พาดหัวหรือย่อหน้าตรงกับข่าวที่รอเผยแพร่ (ดูรายละเอียด) ถ้าเป็นข่าวอื่น ให้ใส่บรรทัดวันที่ของข่าวนี้ แล้วจะเผยแพร่ทันที',
    },
    DUPLICATE_TEXT: {
      what: 'ไฟล์นี้เหมือนข่าวอื่นทุกตัวอักษร',
      todo: 'ข่าวเดียวกันจึงเผยแพร่สองครั้ง ถ้าไฟล์นี้เป็นสำเนา (ไฟล์สำรอง) ให้ลบหรือย้ายออกจากโฟลเดอร์ข่าว',
    },
    HELD_BACK: {
      what: 'มีบรรทัดหรือค่าในส่วนหัวสั่งว่ายังไม่ให้เผยแพร่',
      todo: 'ข่าวนี้เก็บเป็นฉบับร่าง ถ้าพร้อมเผยแพร่แล้ว ให้ลบบรรทัดที่ระบุ (เช่น ห้ามเผยแพร่ DO NOT PUBLISH HOLD)',
    },
    FAR_FUTURE: { what: 'วันที่เลยไปข้างหน้ากว่าหนึ่งปี', todo: 'น่าจะพิมพ์ปีผิด ตรวจปีอีกครั้ง (พ.ศ. มากกว่า ค.ศ. 543 ปี)' },
    TOO_COMPLEX: { what: 'ข่าวซับซ้อนเกินไป', todo: 'รูปแบบซ้อนกันลึกหรือมีส่วนย่อยมากเกินจะเผยแพร่ได้ปลอดภัย ลดการจัดรูปแบบลง' },
    STORE_WRITE: { what: 'ยังบันทึกการเปลี่ยนแปลงไม่ได้', todo: 'ข่าวเผยแพร่แล้ว ระบบจะลองบันทึกใหม่เอง แจ้งผู้ดูแลเซิร์ฟเวอร์ (ดิสก์อาจเต็ม)' },
    IMAGE_MISMATCH: { what: 'เนื้อไฟล์รูปไม่ตรงกับนามสกุล', todo: 'เช่น ไฟล์ PNG ที่ตั้งชื่อเป็น .jpg บันทึกใหม่ด้วยนามสกุลที่ถูกต้อง' },
    IMAGE_MISSING: { what: 'ไม่พบไฟล์รูปของข่าว', todo: 'หน้าข่าวจะแสดงรูปเสีย วางไฟล์รูปไว้ตามที่ระบุใน image: หรือแก้ชื่อไฟล์ให้ถูก' },
    NOT_IN_SITEMAP: { what: 'ที่อยู่เว็บยาวเกินกว่าจะอยู่ใน sitemap', todo: 'ข่าวเผยแพร่แล้ว แต่เครื่องมือค้นหาอาจหาไม่เจอ ตั้ง slug ให้สั้นลง' },
  } satisfies Record<DeskProblemCode, ProblemWords>,
} as const;

/** The shape every language's table must have: the Thai table's keys, any strings. */
type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type DeskWords = Shape<typeof th>;

const en = {
  lang: 'en',
  desk: 'Desk',
  states: {
    problem: 'Problem',
    kept: 'Last good version kept',
    held: 'Held',
    draft: 'Draft',
    published: 'Published',
    ignored: 'Ignored',
  },
  stateHelp: {
    problem: 'This file cannot be published: see what to do below.',
    kept: 'The latest save has a problem; readers still see the last good version.',
    held: 'Publishes itself at the time shown.',
    draft: 'A draft (draft: true, published: false, status: draft, or a line such as DO NOT PUBLISH): not published.',
    published: 'Readers see it on the site and in the feeds.',
    ignored:
      'Not a story file (not .txt or .md, or a temporary or hidden file); skipped. A Word file? Save it as plain text (.txt) or Markdown (.md).',
  },
  legend: 'What the states mean',
  all: 'All',
  filterLabel: 'Filter by state',
  searchLabel: 'Find a file by name or title',
  searchButton: 'Find',
  clearSearch: 'Clear',
  noFiles: 'No files match.',
  moreFiles: 'Showing the first {shown} of {matching} matching files: search by name or choose a state to see the others.',
  file: 'File',
  title: 'Title',
  dateline: 'Dateline',
  credit: 'Credit',
  language: 'Language',
  saved: 'Saved',
  published: 'Published',
  took: 'took',
  heldUntil: 'Publishes',
  line: 'line',
  details: 'Details from the system',
  publicPage: 'Public page',
  preview: 'Preview',
  severity: { error: 'error', warning: 'warning', info: 'note' },
  watcher: 'Watching the folder',
  watcherModes: { native: 'file events', polling: 'polling', stopped: 'stopped', starting: 'starting' },
  folderAlert: 'The articles folder has a problem:',
  healthy: 'healthy',
  unhealthy: 'not healthy',
  lastRebuild: 'Last rebuild',
  documents: 'documents',
  never: 'never',
  websub: 'WebSub hub pings',
  pingOk: 'accepted',
  pingFailed: 'failed',
  noPings: 'No pings yet',
  live: 'live',
  offline: 'offline, retrying',
  connecting: 'connecting',
  previewBanner: 'Preview: this is how readers will see the story. This page is not published.',
  backToDesk: 'Back to the desk',
  unknownProblem: { what: 'A problem the desk does not know', todo: 'Read the details below; ask whoever runs the server if unsure.' },
  problems: {
    UNREADABLE: {
      what: 'The file or folder cannot be opened',
      todo: 'No permission to read it (ask for its permissions to be fixed), or another program holds the file: close it there and save again.',
    },
    TOO_LARGE: { what: 'The file is too large', todo: 'Split the story, or remove pasted images or web-page code.' },
    BINARY: {
      what: 'Not a text file',
      todo: 'Perhaps a Word document or an image. Save the story as plain text (.txt) or Markdown (.md).',
    },
    BAD_ENCODING: { what: 'Some characters cannot be read', todo: 'Save the file again as UTF-8 (Save As → Encoding → UTF-8).' },
    EMPTY: { what: 'The file is empty', todo: 'Write the story into it, or delete the file.' },
    BAD_FRONT_MATTER: {
      what: 'The header between the --- lines is not valid',
      todo: 'Look at the line shown: each line is `name: value`, text containing a colon needs quotes, and a quote or a [ bracket that is opened must be closed.',
    },
    BAD_DATE: {
      what: 'The date is not valid',
      todo: 'It cannot be read, names a day that does not exist (such as 31 April), or is an embargo that reads two ways (05/01/2027: 5 January or 1 May; write the month in words). Fix the date on the line shown.',
    },
    BAD_FIELD: {
      what: 'A header field has the wrong kind of value',
      todo: 'Fix it on the line shown (tags is a list; draft is true or false).',
    },
    SYMLINK: {
      what: 'A shortcut, not a real file',
      todo: 'Shortcuts (symbolic links) are never followed. Put the real file in the folder.',
    },
    SLUG_COLLISION: { what: 'Another story has the same web address', todo: 'Rename one of the files, or give one a different slug.' },
    NOT_A_FILE: { what: 'Not an ordinary file', todo: 'This name is a folder or a device. Remove it, or save the story as a normal file.' },
    ROOT_MISSING: {
      what: 'The articles folder is missing or cannot be read',
      todo: "The stories stay published; nothing updates until it is back. Check that it exists and that feedpub's user may read it; tell whoever runs the server.",
    },
    ROOT_FOREIGN: {
      what: 'The articles folder holds other stories',
      todo: 'None of the published stories is in it, so nothing is taken down or published until the right folder is back. If these stories are a new site, start feedpub with a new state folder; tell whoever runs the server.',
    },
    ROOT_EMPTY: {
      what: 'The articles folder is empty',
      todo: 'The stories stay published. Check that its drive or share is mounted; tell whoever runs the server.',
    },
    WARNING: {
      what: 'Published, with something fixed on the way',
      todo: 'For example stray characters removed. Open the preview to check it reads right.',
    },
    LEGACY_ENCODING: {
      what: 'Saved in a legacy Thai encoding',
      todo: 'Read as TIS-620 and published. Check the preview, then save the file as UTF-8.',
    },
    CHARS_REMOVED: {
      what: 'Published, with stray characters removed',
      todo: 'Invisible control characters were taken out. Open the preview to check it reads right.',
    },
    MARKS_DROPPED: {
      what: 'Published, with stacked marks cut',
      todo: 'A character carried more than four vowel or tone marks. Check the words on the line shown.',
    },
    FUTURE_DATE: {
      what: 'Dated in the future, so dated when saved',
      todo: 'Check the date. To hold stories dated ahead until then, set futureStories to hold.',
    },
    HELD_AFTER_PUBLISHED: {
      what: 'A published story was pulled back',
      todo: 'Its date was edited into the future: it returns then. If the date is a typo, correct it.',
    },
    DATE_LOST: {
      what: 'No date could be read, so the story keeps its date',
      todo: 'The date line may have a typo (the name of a month?), so it shows as text in the story. Correct it.',
    },
    UNSURE: {
      what: 'The desk was unsure about a line',
      // Not "published": a held story's note (a zone out of season) said so (new-user trial).
      todo: 'Read as the note below says. Check that the line shown (a credit? an embargo time?) reads as you meant.',
    },
    DUPLICATE_ID: {
      what: 'Another file already uses this id',
      todo: 'This one got its own id. Remove or change the id field unless that was meant.',
    },
    HELD_TEXT: {
      what: 'Held with the held story whose text it has',
      todo: 'It has no date line of its own, and the headline or paragraphs of a held story (see the details). If it is another story, give it a date line: it is published at once.',
    },
    DUPLICATE_TEXT: {
      what: 'The same file as another story',
      todo: 'Readers get the story twice. If this file is a copy (a backup), delete it or move it out of the articles folder.',
    },
    HELD_BACK: {
      what: 'A line or field says not to publish',
      todo: 'Kept as a draft. When it is cleared, delete the line shown (DO NOT PUBLISH, HOLD FOR LEGAL, KILL...) or the field.',
    },
    FAR_FUTURE: { what: 'Dated more than a year ahead', todo: 'Probably a typo in the year (Buddhist-era years are 543 ahead).' },
    TOO_COMPLEX: {
      what: 'The story is too complex',
      todo: 'Too deeply nested or too many parts to publish safely. Simplify its formatting.',
    },
    STORE_WRITE: {
      what: 'The change is not saved yet',
      todo: 'It is published; the server keeps retrying the save. Tell whoever runs the server (the disk may be full).',
    },
    IMAGE_MISMATCH: {
      what: 'An image does not match its name',
      todo: 'For example a PNG named .jpg. Save it again with the right extension.',
    },
    IMAGE_MISSING: {
      what: 'The story’s image file is not there',
      todo: 'Its page shows a broken picture. Put the file where image: says, or correct the name.',
    },
    NOT_IN_SITEMAP: {
      what: 'The address is too long for the sitemap',
      todo: 'The story is published, but search engines may not find it. Set a shorter slug.',
    },
  },
} as const satisfies DeskWords;

/** Both tables, Thai first. */
export const DESK_WORDS = { th, en } as const satisfies Record<string, DeskWords>;

/** True for any Thai tag (`th`, `th-TH`, `TH`, `th_TH`): the site's language decides the desk's. */
export function isThai(language: string): boolean {
  return /^th(?:[-_]|$)/i.test(language.trim());
}

/** The desk's words for the configured site language: `th*` → Thai, anything else → English. */
export function pickDeskWords(language: string): DeskWords {
  return isThai(language) ? DESK_WORDS.th : DESK_WORDS.en;
}

/** What a problem code means and what to do about it; a code the table does not know gets a generic line. */
export function explainProblem(words: DeskWords, code: string): ProblemWords {
  return Object.hasOwn(words.problems, code) ? words.problems[code as DeskProblemCode] : words.unknownProblem;
}
