// @ts-check
// The check-in desk (issue 13): where the browser has BarcodeDetector and a camera, a button
// scans a student's QR code into the code field and sends the form. Typing always works.

/** @typedef {{ detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }} Detector */

async function setUpScanner() {
  const form = document.querySelector('form[data-desk-form]');
  const button = document.querySelector('button[data-scan]');
  const video = document.querySelector('video[data-scan-video]');
  const status = document.querySelector('[data-scan-status]');
  const input = document.querySelector('#code');
  if (!(form instanceof HTMLFormElement) || !(button instanceof HTMLButtonElement) || !(video instanceof HTMLVideoElement) || !(input instanceof HTMLInputElement)) return;
  const Barcode = /** @type {{ BarcodeDetector?: { new (options: object): Detector; getSupportedFormats(): Promise<string[]> } }} */ (/** @type {unknown} */ (window)).BarcodeDetector;
  if (!Barcode || !navigator.mediaDevices?.getUserMedia) return;
  try {
    const formats = await Barcode.getSupportedFormats();
    if (!formats.includes('qr_code')) return;
  } catch {
    return;
  }
  /** @type {Detector} */
  const detector = new Barcode({ formats: ['qr_code'] });
  button.hidden = false;
  /** @type {MediaStream | undefined} */
  let stream;
  const say = (/** @type {string} */ text) => {
    if (status) status.textContent = text;
  };
  const stop = () => {
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    video.hidden = true;
  };
  button.addEventListener('click', async () => {
    if (stream) return stop();
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      say(button.dataset.denied ?? '');
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const look = async () => {
      if (!stream) return;
      try {
        const [found] = await detector.detect(video);
        if (found?.rawValue) {
          input.value = found.rawValue;
          stop();
          form.requestSubmit();
          return;
        }
      } catch {
        // A frame the detector could not read: try the next one.
      }
      setTimeout(look, 150);
    };
    look();
  });
  window.addEventListener('pagehide', stop);
}

setUpScanner();
