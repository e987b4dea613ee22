import { describe, expect, it } from 'vitest';
import { renderErrorPage } from '../../src/core/render/error-page.js';

describe('renderErrorPage', () => {
  it('speaks English to an English site, the reason escaped', () => {
    const html = renderErrorPage('en-GB', 404, 'no such page: /<script>');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<h1>404</h1><p>no such page: /&lt;script&gt;</p>');
    expect(html).toContain('<a href="/">Latest stories</a>');
  });

  it('says what each status means in Thai to a Thai site, and a fault generically', () => {
    expect(renderErrorPage('th', 503, 'starting')).toContain('<p>กำลังเริ่มระบบและอ่านข่าวอยู่ โปรดลองใหม่ในอีกสักครู่</p>');
    expect(renderErrorPage('th-TH', 500, 'internal error')).toContain('<p>ระบบขัดข้อง</p><p lang="en"><small>internal error</small></p>');
    expect(renderErrorPage('th', 418, 'odd')).toContain('<p>คำขอไม่ถูกต้อง</p>');
  });
});
