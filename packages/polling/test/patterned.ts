const FTYP = Buffer.from('000000206674797069736f6d0000020069736f6d69736f32', 'hex');

/** An MP4-headed body whose every 4 bytes say their own offset: a reused buffer shows as a mismatch. */
export function patterned(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) b.writeUInt32LE(i, i);
  FTYP.copy(b);
  return b;
}
