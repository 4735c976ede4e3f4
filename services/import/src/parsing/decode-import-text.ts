import iconv from 'iconv-lite';
import type { ImportEncoding } from '@app/contracts';

/**
 * Characters that no spreadsheet writes into a text file: C0 controls but tab, line feed
 * and carriage return, the C1 range, and U+FFFD (what iconv-lite makes of Windows-1252's
 * five unassigned bytes). A file that decodes only with such characters is not text in
 * that encoding.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

/**
 * The text of an uploaded file, and the encoding it was read in:
 * - a UTF-16 byte-order mark: UTF-16 (Excel's "Unicode Text" is UTF-16LE with one);
 * - valid UTF-8, with or without its byte-order mark: UTF-8;
 * - otherwise Windows-1252 (what Excel on Windows saves as "CSV (Comma delimited)" in
 *   Western Europe and the Americas), when it decodes without control characters.
 * Anything else is undefined, and the caller refuses the file.
 */
export function decodeImportText(
  bytes: Buffer,
): { text: string; encoding: ImportEncoding } | undefined {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  if (utf16) return textIn(bytes, utf16);
  return textIn(bytes, 'utf-8', { controlsAllowed: true }) ?? textIn(bytes, 'windows-1252');
}

function textIn(
  bytes: Buffer,
  encoding: ImportEncoding,
  { controlsAllowed = false } = {},
): { text: string; encoding: ImportEncoding } | undefined {
  let text: string;
  try {
    // Node 20's TextDecoder reads "windows-1252" as Latin-1 (0x80-0x9F as controls, not
    // € – “ ” …), so that one goes through iconv-lite. For the others, `fatal` refuses what
    // is not valid in the encoding; the byte-order mark is dropped.
    text =
      encoding === 'windows-1252'
        ? iconv.decode(bytes, 'windows-1252')
        : new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
  // UTF-8 keeps its old rule (control characters are refused per cell, not per file).
  return controlsAllowed || !CONTROL.test(text) ? { text, encoding } : undefined;
}
