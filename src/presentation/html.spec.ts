import { escapeHtml, html, raw, SafeHtml } from './html';

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const hostile = `<script>alert("x")</script>' onmouseover='x`;
    const fragment = html`<p title="${hostile}">${hostile}</p>`;
    expect(fragment.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x</p>',
    );
  });

  it('escapes the ampersand first, so entities typed by a person stay text', () => {
    expect(escapeHtml('&lt; & >')).toBe('&amp;lt; &amp; &gt;');
  });

  it('keeps nested fragments and raw() markup as they are', () => {
    const inner = html`<em>${'a < b'}</em>`;
    expect(html`<p>${inner} ${raw('<br>')}</p>`.value).toBe('<p><em>a &lt; b</em> <br></p>');
  });

  it('joins arrays, escaping the strings inside them', () => {
    expect(html`<ul>${['<a>', html`<li>b</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>b</li></ul>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`[${null}${undefined}${false}${0}${true}]`.value).toBe('[0true]');
  });

  it('returns a SafeHtml whose string form is the markup', () => {
    const fragment = html`<b>${'x'}</b>`;
    expect(fragment).toBeInstanceOf(SafeHtml);
    expect(`${fragment}`).toBe('<b>x</b>');
  });
});
