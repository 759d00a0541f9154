import { attr, escapeHtml, html, jsonScript, raw } from './html';

describe('html tagged template', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"quoted" & 'single'`, '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['`tick`', '&#96;tick&#96;'],
    [42, '42'],
  ])('escapes %p', (input, expected) => {
    expect(html`<p>${input}</p>`.toString()).toBe(`<p>${expected}</p>`);
  });

  it('keeps nested markup, joins arrays and drops null, undefined and false', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}</ul>`.toString()).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });

  it('inserts raw markup only when asked', () => {
    expect(html`${raw('<b>x</b>')}`.toString()).toBe('<b>x</b>');
    expect(escapeHtml('<b>')).toBe('&lt;b&gt;');
  });

  it('writes JSON data blocks that cannot close the script element', () => {
    const out = jsonScript('d', { s: '</script><script>alert(1)</script>' }).toString();
    expect(out).not.toContain('</script><script>');
    expect(JSON.parse(out.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, ''))).toEqual({ s: '</script><script>alert(1)</script>' });
  });

  it('adds boolean attributes', () => {
    expect(html`<input${attr('checked', true)}${attr('disabled', false)}>`.toString()).toBe('<input checked>');
  });
});
