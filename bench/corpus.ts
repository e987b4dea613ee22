// Generated Thai stories (about 3 KB each) for the benchmarks, written into one folder.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SENTENCES = [
  'ผู้นำเกาหลีเหนือ คิม จอง อึน ต้องการพบกับประธานาธิบดีวลาดิมีร์ ปูตินของรัสเซีย ตามรายงานข่าวของสหรัฐฯ',
  'ว่ากันว่าเป็นเรื่องเกี่ยวกับการส่งมอบอาวุธระหว่างทั้งสองประเทศ ประธานาธิบดีคิมต้องการให้การเจรจาเช่นนี้ดำเนินต่อไป',
  'กรมอุตุนิยมวิทยาประกาศเตือนประชาชนในกรุงเทพมหานครและปริมณฑล ให้ระวังฝนตกหนักถึงหนักมากในช่วงวันศุกร์ถึงวันอาทิตย์นี้',
  'กรุงเทพมหานครได้เตรียมเครื่องสูบน้ำและเจ้าหน้าที่ประจำจุดเสี่ยงน้ำท่วมขังกว่า 700 จุด พร้อมขอให้ประชาชนติดตามประกาศอย่างใกล้ชิด',
  'ตลาดหุ้นเอเชียปิดบวกนำโดยหุ้นกลุ่มเทคโนโลยี ขณะที่นักลงทุนประเมินสัญญาณว่าเงินเฟ้อในภูมิภาคกำลังผ่อนคลายลง',
  'เทศกาลอาหารไทยริมแม่น้ำเจ้าพระยากลับมาอีกครั้ง รวบรวมร้านอาหารกว่า 120 ร้านจากทุกภาคของประเทศ',
];
const MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

/** The parts of story `i`: its date (`minutesAgo` before 2026-11-25 12:00 Bangkok time) and seven paragraphs. */
function parts(i: number, minutesAgo: number): { date: Date; paragraphs: string[] } {
  const date = new Date(Date.UTC(2026, 10, 25, 5, 0) - minutesAgo * 60_000);
  const paragraphs: string[] = [];
  for (let p = 0; p < 7; p++) paragraphs.push(`${SENTENCES[(i + p) % SENTENCES.length]} ${SENTENCES[(i * 7 + p) % SENTENCES.length]}`);
  return { date, paragraphs };
}

/** A story as a newsroom saves it: title, Thai dateline, credit, paragraphs, page boilerplate. */
export function story(i: number, title = `ข่าวทดสอบหมายเลข ${i}`, minutesAgo = i): string {
  const { date, paragraphs } = parts(i, minutesAgo);
  const local = new Date(date.getTime() + 7 * 3600_000);
  const dateline = `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear() + 543} ${String(local.getUTCHours()).padStart(2, '0')}.${String(local.getUTCMinutes()).padStart(2, '0')} น.`;
  return `${title}\n\n${dateline}\n\nAFP\n\n${paragraphs.join('\n\n')}\n\nเพิ่มเพื่อน\n\nข่าวที่เกี่ยวข้อง\n\nข่าวอื่น\n`;
}

/** The same story as Hugo content: title, date and author in front matter, the paragraphs as Markdown. */
export function hugoStory(i: number, title = `ข่าวทดสอบหมายเลข ${i}`, minutesAgo = i): string {
  const { date, paragraphs } = parts(i, minutesAgo);
  return `---\ntitle: "${title}"\ndate: ${date.toISOString()}\nauthor: AFP\n---\n\n${paragraphs.join('\n\n')}\n`;
}

export const fileName = (i: number) => `story-${String(i).padStart(6, '0')}.txt`;

/** Write `count` stories into `dir` (created), 64 writes at a time: as feedpub reads them, or (`hugo`) as Markdown content. */
export async function writeCorpus(dir: string, count: number, form: 'feedpub' | 'hugo' = 'feedpub'): Promise<void> {
  await mkdir(dir, { recursive: true });
  const write = (k: number) =>
    form === 'hugo'
      ? writeFile(path.join(dir, `story-${String(k).padStart(6, '0')}.md`), hugoStory(k))
      : writeFile(path.join(dir, fileName(k)), story(k));
  for (let i = 0; i < count; i += 64) {
    const batch: Promise<void>[] = [];
    for (let k = i; k < Math.min(count, i + 64); k++) batch.push(write(k));
    await Promise.all(batch);
  }
}
