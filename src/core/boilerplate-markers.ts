// Lines that start page boilerplate in newsroom plain text: from such a line to the end is dropped (parse-plain.ts findBoilerplate).

/** Markers that start page boilerplate in newsroom plain text (see README). */
// biome-ignore format: a list of phrases reads better packed than one per line
export const DEFAULT_BOILERPLATE_MARKERS = [
  'เพิ่มเพื่อน', 'ข่าวที่เกี่ยวข้อง', 'อ่านข่าวที่เกี่ยวข้อง', 'ข่าวแนะนำ', 'ข่าวล่าสุด', 'อ่านเพิ่มเติม', 'แชร์', 'แชร์ข่าว',
  'Tags:', 'แท็ก:', 'Related', 'Related news', 'Related articles', 'Read more', 'Share', 'Share this', 'Share this article',
  'Share this story', 'Related stories', 'Related coverage', 'Read next', 'More stories', 'Our Standards:', 'แท็กที่เกี่ยวข้อง',
  'อ่านข่าวเพิ่ม', 'อ่านข่าวเพิ่มเติม', 'อ่านข่าวต้นฉบับ', 'ข่าวอื่นๆ', 'ข่าวยอดนิยม', 'เรื่องที่เกี่ยวข้อง',
  'บทความที่เกี่ยวข้อง',
] as const;
