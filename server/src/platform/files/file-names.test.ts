import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, downloadName } from './file-names.js';

describe('file names', () => {
  it('drops folders, control characters and quotes, keeps Vietnamese', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\lan\\Ảnh "hiện trường".jpg')).toBe('Ảnh hiện trường.jpg');
    expect(cleanFileName('a\r\nSet-Cookie: x.pdf')).toBe('aSet-Cookie x.pdf');
    expect(cleanFileName('...')).toBe('tep');
    expect(cleanFileName(undefined)).toBe('tep');
    expect([...cleanFileName('đ'.repeat(500))]).toHaveLength(120);
  });

  it('names the download after the stored type', () => {
    expect(downloadName('scan.JPG', 'png')).toBe('scan.png');
    expect(downloadName('README', 'pdf')).toBe('README.pdf');
    expect(downloadName('.bashrc', 'jpg')).toBe('bashrc.jpg');
  });

  it('builds a header that cannot be broken out of', () => {
    const header = contentDisposition('inline', "Đơn (mẫu) 01's.pdf");
    expect(header).toBe(
      `inline; filename="Don _mau_ 01_s.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%28m%E1%BA%ABu%29%2001%27s.pdf`,
    );
    expect(header).not.toMatch(/[\r\n]/);
  });
});
