import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJson, toXml, XML_DECLARATION, xmlText } from '#core/open311/xml.ts';
import { parseXml } from '../../../support/open311-client.ts';

describe('GeoReport v2 documents (Spark convention)', () => {
  it('drops the root in JSON: a list root is a top-level array, even with one item', () => {
    const value = [{ service_request_id: '260000123', service_notice: null }];
    expect(toJson(value)).toBe('[{"service_request_id":"260000123","service_notice":null}]');
    expect(toXml('service_requests', value)).toBe(
      `${XML_DECLARATION}\n<service_requests><request><service_request_id>260000123</service_request_id><service_notice/></request></service_requests>`,
    );
  });

  it('names each list’s items as the specification does, and leaves absent values out', () => {
    const xml = toXml('service_definition', {
      service_code: 'RDS-201',
      attributes: [
        { code: 'size', required: true, values: [{ key: 'small', name: 'صغيرة' }], missing: undefined },
      ],
    });
    expect(xml).toContain(
      '<attributes><attribute><code>size</code><required>true</required><values><value><key>small</key><name>صغيرة</name></value></values></attribute></attributes>',
    );
    expect(xml).not.toContain('missing');
    expect(toJson({ a: undefined, b: false })).toBe('{"b":false}');
    expect(toXml('errors', [{ code: 403, description: 'x' }])).toContain('<errors><error><code>403</code>');
  });

  it('escapes markup, keeps Arabic as UTF-8, and drops characters XML 1.0 cannot carry', () => {
    expect(xmlText('حفرة <b>&"\'')).toBe('حفرة &lt;b&gt;&amp;&quot;&apos;');
    expect(xmlText('a\u0000b\u001bc\u0007d\tline\n')).toBe('abcd\tline\n');
    expect(xmlText('\uFFFE\uD800x')).toBe('x');
  });

  it('stays well-formed and round-trips any text but what XML 1.0 forbids (property)', () => {
    // XML 1.0's Char production: tab, line feed, carriage return, and U+0020 onwards minus surrogates, FFFE, FFFF.
    const xmlChars = (text: string) =>
      [...text]
        .filter((c) => {
          const code = c.codePointAt(0) ?? 0;
          if (code === 0x9 || code === 0xa || code === 0xd) return true;
          if (code < 0x20 || code === 0xfffe || code === 0xffff) return false;
          return !(code >= 0xd800 && code <= 0xdfff);
        })
        .join('');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const doc = parseXml(toXml('service_requests', [{ description: text }]));
        expect(doc.children[0]?.children[0]?.text).toBe(xmlChars(text));
      }),
      { seed: 311, numRuns: 300 },
    );
  });
});
