import { declaredCharset, decodeCsv } from './csv-decoding';

const cp1252 = (text: string) => Buffer.from(new Uint8Array([...text].map((c) => ({ é: 0xe9, ü: 0xfc, ñ: 0xf1, '’': 0x92, '€': 0x80 })[c] ?? c.charCodeAt(0))));
const decoded = (bytes: Uint8Array, contentType?: string) => {
  const result = decodeCsv(bytes, contentType);
  return result.ok ? { text: result.text, how: result.how } : result;
};

describe('decodeCsv', () => {
  it('reads the declared charset, in any case and quoted', () => {
    expect(declaredCharset('text/csv; Charset="Windows-1252"')).toBe('windows-1252');
    expect(decoded(cp1252('name\nJosé'), 'text/csv; charset=windows-1252')).toEqual({ text: 'name\nJosé', how: 'declared' });
    expect(decoded(Buffer.from('name\nJosé', 'latin1'), 'text/csv; charset=iso-8859-1')).toEqual({ text: 'name\nJosé', how: 'declared' });
    expect(decoded(Buffer.from('name\nJosé'), 'text/csv; charset=utf-8')).toEqual({ text: 'name\nJosé', how: 'declared' });
  });

  it('refuses an unknown charset, and bytes the declared one cannot have', () => {
    expect(decoded(Buffer.from('a'), 'text/csv; charset=klingon')).toEqual({ ok: false, reason: 'unsupported-charset' });
    expect(decoded(cp1252('José'), 'text/csv; charset=utf-8')).toEqual({ ok: false, reason: 'invalid-for-charset' });
  });

  it('follows a byte order mark: UTF-8 (Excel\'s "CSV UTF-8"), UTF-16LE and BE', () => {
    expect(decoded(Buffer.from('\uFEFFname\nJosé'))).toEqual({ text: 'name\nJosé', how: 'bom' });
    expect(decoded(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\nJosé', 'utf16le')]))).toEqual({ text: 'name\nJosé', how: 'bom' });
    const be = Buffer.from('name\nJosé', 'utf16le').swap16();
    expect(decoded(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text: 'name\nJosé', how: 'bom' });
  });

  it('takes valid UTF-8 as UTF-8', () => {
    expect(decoded(Buffer.from('name\nJosé Müller 😀'))).toEqual({ text: 'name\nJosé Müller 😀', how: 'utf-8' });
  });

  it('reads Windows-1252 when every other byte is a letter within a word or common punctuation', () => {
    expect(decoded(cp1252('name\nJosé Müller,O’Neill,Peña,5 €'))).toEqual({ text: 'name\nJosé Müller,O’Neill,Peña,5 €', how: 'windows-1252-detected' });
    expect(decoded(Buffer.from('Größe,Ærø', 'latin1'))).toMatchObject({ how: 'windows-1252-detected' });
  });

  it('refuses what cannot be told safely: unmarked UTF-16, stray symbols, undefined bytes, another code page', () => {
    expect(decoded(Buffer.from('name\nJosé', 'utf16le'))).toEqual({ ok: false, reason: 'undetectable' });
    expect(decoded(Buffer.from([0x61, 0x20, 0xa4, 0x20, 0x62]))).toEqual({ ok: false, reason: 'undetectable' });
    expect(decoded(Buffer.from([0x61, 0x81, 0x62]))).toEqual({ ok: false, reason: 'undetectable' });
    // "Привет,Мир" in Windows-1251 reads as words of accented Latin letters only ("Ïðèâåò").
    expect(decoded(Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0xcc, 0xe8, 0xf0]))).toEqual({ ok: false, reason: 'undetectable' });
  });
});
