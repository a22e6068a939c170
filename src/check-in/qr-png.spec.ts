import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { create } from 'qrcode';
import { qrPng } from './qr-png';

/** Read back by two independent libraries: pngjs decodes the image, jsQR reads the code in it. */
const read = (png: Buffer) => {
  const image = PNG.sync.read(png);
  return { image, text: jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data };
};

describe('qrPng', () => {
  const options = { errorCorrectionLevel: 'M', margin: 4, scale: 6 } as const;

  it.each(['FGX7K3M9Q2', 'A', 'https://fairgrid.test/check-in/0123456789abcdef'])('draws a code a scanner reads back: %s', (text) => {
    expect(read(qrPng(text, options)).text).toBe(text);
  });

  it('is one bit per pixel, greyscale, sized by modules, margin and scale', () => {
    const png = qrPng('FGX7K3M9Q2', options);
    const { image } = read(png);
    // Version 1 (21 modules) holds 10 characters at level M.
    expect(image.width).toBe((21 + 2 * 4) * 6);
    expect(image.height).toBe(image.width);
    expect(png.subarray(24, 26)).toEqual(Buffer.from([1, 0]));
    expect(png.length).toBeLessThan(400);
  });

  it('draws every module qrcode computes, dark as dark, inside a light quiet zone', () => {
    const { modules } = create('FGX7K3M9Q2', { errorCorrectionLevel: 'M' });
    const { image } = read(qrPng('FGX7K3M9Q2', { ...options, scale: 1 }));
    const drawn: boolean[][] = [];
    for (let y = 0; y < image.height; y++) {
      drawn.push(Array.from({ length: image.width }, (_, x) => image.data[(y * image.width + x) * 4] === 0));
    }
    const expected = drawn.map((line, y) => line.map((_, x) => modules.get(y - 4, x - 4) === 1 && y >= 4 && x >= 4 && y < 25 && x < 25));
    expect(drawn).toEqual(expected);
  });
});
