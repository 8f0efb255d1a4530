// @ts-check
/** Request bodies: the spec's own examples (typical) and large bodies with data-URL images. */

export const typicalBodies = {
  submitQ2ProFast: {
    prompt: '@1 hands a red umbrella to @2 on a rainy street, cinematic',
    duration: 5,
    subjects: [
      { name: '1', images: ['https://example.com/refs/alice-front.png', 'https://example.com/refs/alice-side.png'] },
      { name: '2', images: ['https://example.com/refs/bob.jpg'], voice_id: 'en_male_calm' },
    ],
    resolution: '1080p',
    aspect_ratio: '16:9',
    movement_amplitude: 'medium',
    bgm: true,
    audio: false,
    watermark: false,
    seed: 42,
  },
  submitQ2ProMultiframe: {
    start_image: 'https://example.com/frames/start.png',
    image_settings: [
      { key_image: 'https://example.com/frames/k1.png', duration: 3, prompt: 'The camera pushes in on the lighthouse' },
      { key_image: 'https://example.com/frames/k2.png', duration: 4, prompt: 'A storm rolls in over the sea' },
      { key_image: 'https://example.com/frames/k3.png', duration: 5 },
    ],
    resolution: '720p',
    watermark: true,
    wm_position: 'top_right',
    meta_data: '{"campaign":"autumn"}',
  },
  submitQ1Reference: {
    images: [
      'https://example.com/refs/sneaker-front.png',
      'https://example.com/refs/sneaker-side.png',
      'https://example.com/refs/sneaker-back.png',
    ],
    prompt: 'The sneaker spins slowly on a marble pedestal, studio light',
    duration: 5,
    resolution: '1080p',
    aspect_ratio: '1:1',
    movement_amplitude: 'large',
    seed: 7,
    bgm: false,
  },
  submitQ2Reference: {
    prompt: '@1 waves at the camera and smiles',
    duration: 4,
    subjects: [{ id: '1', images: ['https://example.com/refs/girl.png'], voice_id: 'en_female_bright' }],
    resolution: '540p',
    aspect_ratio: '9:16',
    movement_amplitude: 'small',
    audio: true,
  },
};

/**
 * A data URL of exactly `length` characters (a PNG header's base64 then filler). Every image
 * gets a distinct last character so no two strings are the same object or content.
 * @param {number} length @param {number} [salt]
 */
export function dataUrl(length, salt = 0) {
  const head = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA';
  const fill = length - head.length - 1;
  return head + 'A'.repeat(fill) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[salt % 26];
}

/** @typedef {keyof typeof typicalBodies} SubmitOperation */

/**
 * A body of `operationId` carrying `n` images, each a data URL of `bytesPerImage` characters.
 * @param {SubmitOperation} operationId @param {number} n @param {number} bytesPerImage
 */
export function largeBody(operationId, n, bytesPerImage) {
  const images = Array.from({ length: n }, (_, i) => dataUrl(bytesPerImage, i));
  switch (operationId) {
    case 'submitQ1Reference':
      return { ...typicalBodies.submitQ1Reference, images };
    case 'submitQ2ProFast':
      return { ...typicalBodies.submitQ2ProFast, subjects: [{ name: '1', images }] };
    case 'submitQ2Reference':
      return { ...typicalBodies.submitQ2Reference, subjects: [{ id: '1', images }] };
    case 'submitQ2ProMultiframe':
      return {
        ...typicalBodies.submitQ2ProMultiframe,
        start_image: images[0],
        image_settings: images.slice(1).map((key_image) => ({ key_image, duration: 3 })),
      };
    default:
      throw new Error(`no large body for ${operationId}`);
  }
}

export const submitPaths = {
  submitQ2ProFast: '/v3/async/viduq2-pro-fast',
  submitQ2ProMultiframe: '/v3/async/vidu-q2-pro-multiframe',
  submitQ1Reference: '/v3/async/vidu-q1-reference2video',
  submitQ2Reference: '/v3/async/vidu-q2-reference2video',
};
