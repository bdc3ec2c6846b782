// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { childElements, escapeXmlAttr, parseXml, textContent, XmlError } from '../../../src/domain/exchange';
import { el, renderXml } from '../../../src/domain/exchange/xml';

describe('the XML reader', () => {
  it('reads elements, attributes, text, CDATA, references, comments and processing instructions', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- c --><?pi x?>\r\n<a x="1 &amp; 2" y=\'&#x41;&#66;\' z="line&#10;break\tspace"><b>t &lt;ok&gt;</b><![CDATA[<raw> & ]]><c/>\r\n</a>\n<!-- end -->',
    );
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1 & 2', y: 'AB', z: 'line\nbreak space' });
    expect(childElements(root).map((c) => c.name)).toEqual(['b', 'c']);
    expect(textContent(root)).toBe('t <ok><raw> & \n');
    expect(childElements(root)[1]?.line).toBe(3);
  });

  const bad: [string, string, RegExp][] = [
    ['mismatched tags', '<a>\n  <b></a>', /Line 2, column 6: found <\/a> where <\/b>/],
    ['unclosed root', '<a><b/>', /<a> \(line 1\) is not closed/],
    ['duplicate attribute', '<a x="1" x="2"/>', /attribute x appears twice/],
    ['unquoted attribute', '<a x=1/>', /must be in quotes/],
    ['"<" in an attribute', '<a x="<"/>', /"<" is not allowed in an attribute value/],
    ['unknown entity', '<a>&nbsp;</a>', /unknown entity &nbsp;/],
    ['bare ampersand', '<a>fish & chips</a>', /"&" must start a reference/],
    ['forbidden character', '<a>\u0001</a>', /U\+0001 is not allowed/],
    ['forbidden character reference', '<a>&#0;</a>', /&#0; is not a character XML allows/],
    ['two roots', '<a/><b/>', /only one root element/],
    ['text after the root', '<a/>x', /only one root element/],
    ['DOCTYPE', '<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>', /DOCTYPE is not accepted/],
    ['empty', '  ', /no root element/],
    ['declaration later on', '<a><?xml version="1.0"?></a>', /XML declaration may only come at the very start/],
    ['"--" in a comment', '<a><!-- a -- b --></a>', /"--" is not allowed inside a comment/],
  ];
  it.each(bad)('rejects %s with the line and column', (_name, text, message) => {
    expect(() => parseXml(text)).toThrow(XmlError);
    expect(() => parseXml(text)).toThrow(message);
  });

  it('refuses documents nested deeper than the limit', () => {
    expect(() => parseXml(`${'<a>'.repeat(300)}${'</a>'.repeat(300)}`)).toThrow(/nested more than 200 deep/);
  });
});

describe('the XML writer', () => {
  it('escapes everything it writes, so what it writes reads back the same', () => {
    const nasty = 'a & b < c > d " e \' f\ttab\nline\r\u0001ctrl 😀';
    const text = renderXml(el('root', { v: nasty }, [el('t', undefined, [nasty])]));
    const root = parseXml(text);
    const clean = nasty.replace('\u0001', '');
    expect(root.attributes.v).toBe(clean);
    expect(textContent(childElements(root)[0] ?? root)).toBe(clean);
    expect(escapeXmlAttr('"<&>')).toBe('&quot;&lt;&amp;&gt;');
  });

  it('writes a comment that cannot close early', () => {
    const text = renderXml(el('a'), { comment: 'x --> <b/> --' });
    expect(parseXml(text).name).toBe('a');
  });
});
