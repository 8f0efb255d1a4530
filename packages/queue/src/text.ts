/**
 * Text that came from the provider or from Redis, made safe to store and print: control and
 * bidirectional-override characters become spaces (they could rewrite a terminal line or
 * disguise a file name), and the length is bounded.
 */
const isUnsafe = (code: number): boolean =>
  code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

export function printable(text: string, max = 500): string {
  let out = '';
  for (const ch of text) {
    if (out.length >= max) return `${out}…`;
    out += isUnsafe(ch.codePointAt(0)!) ? ' ' : ch;
  }
  return out;
}
