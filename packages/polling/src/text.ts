/**
 * Server text inside our messages: bounded in length, with control characters (terminal escape
 * sequences, bidi overrides, line breaks) shown as escapes instead of acting on a terminal.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string, max = 100): string {
  let cut = text;
  if (text.length > max) {
    // Never split a surrogate pair (a lone surrogate is not well-formed text).
    const end = /[\ud800-\udbff]/.test(text[max - 1] ?? '') ? max - 1 : max;
    cut = `${text.slice(0, end)}…(${text.length} chars)`;
  }
  return cut.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
