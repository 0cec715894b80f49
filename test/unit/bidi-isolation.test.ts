import { describe, expect, it } from 'vitest';
import { isolateLtr } from '../../functions/pages/render.ts';

describe('left-to-right values on right-to-left pages', () => {
  it('isolates times, rooms, numbers and addresses in Arabic text, and links the URLs', () => {
    const html = isolateLtr('الغرفة Room A-12، من 10:00–15:30\nhttps://itu.zoom.us/j/123 رمز المرور: 2021', true);
    expect(html).toContain('<bdi dir="ltr">Room A-12</bdi>');
    expect(html).toContain('<bdi dir="ltr">10:00–15:30</bdi>');
    expect(html).toContain('<a href="https://itu.zoom.us/j/123" dir="ltr">https://itu.zoom.us/j/123</a>');
    expect(html).toContain('<bdi dir="ltr">2021</bdi>');
    // The Arabic words stay outside the isolates.
    expect(html).toMatch(/^الغرفة <bdi/);
  });

  it('escapes everything, and changes nothing but links on a left-to-right page', () => {
    expect(isolateLtr('<b>Room</b> & https://x.example/a?b=1', false)).toBe(
      '&lt;b&gt;Room&lt;/b&gt; &amp; <a href="https://x.example/a?b&#x3D;1" dir="ltr">https://x.example/a?b&#x3D;1</a>',
    );
    expect(isolateLtr('"><script>', true)).not.toContain('<script>');
  });
});
