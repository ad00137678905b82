// The sealed tip document, built in the browser exactly as the server builds
// it (tipline/documents.py): the same JSON (keys sorted, Python's ", " and
// ": " separators, non-ASCII kept as UTF-8), a newline, then trailing spaces
// to a Padmé length. Trailing spaces keep it valid JSON for `age -d` readers.
// Nothing here is cryptographic; sealing is the age library's job.

export const DOCUMENT_VERSION = 1
export const DEFAULT_CONTENT_TYPE = "application/octet-stream"
const MAX_FILENAME_CHARS = 255
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,127}$/

// Python's json.dumps(sort_keys=True, ensure_ascii=False) with its default
// separators. JSON.stringify escapes strings the same way (short escapes for
// \b \f \n \r \t, \u00xx for the other control characters).
export function pythonJson(value) {
  if (Array.isArray(value)) {
    return "[" + value.map(pythonJson).join(", ") + "]"
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort()
    return "{" + keys.map((k) => JSON.stringify(k) + ": " + pythonJson(value[k])).join(", ") + "}"
  }
  return JSON.stringify(value)
}

// Padmé (Nikitin et al., PETS 2019), as tipline/crypto/padding.py: keep only
// the top floor(log2 log2 L) + 1 bits of the length non-zero, rounding up.
export function padmeLength(length) {
  if (length < 2) return length
  const bitLength = (n) => n.toString(2).length // exact, unlike Math.log2
  const exponent = bitLength(length) - 1
  const zeroBits = exponent - bitLength(exponent)
  const unit = 2 ** zeroBits
  return Math.ceil(length / unit) * unit
}

export function paddedDocument(document) {
  const line = new TextEncoder().encode(pythonJson(document) + "\n")
  const padded = new Uint8Array(padmeLength(line.length)).fill(0x20)
  padded.set(line)
  return padded
}

// What a browser does to a form field on submission (line breaks become
// CRLF, lone surrogates U+FFFD) and what the server's form then does
// (str.strip()), so both paths store the same text.
export function formText(value) {
  const wellFormed = typeof value.toWellFormed === "function" ? value.toWellFormed() : value
  return wellFormed.replace(/\r\n|\r|\n/g, "\r\n").trim()
}

// tipline/tips/uploads.py clean_filename and clean_content_type.
export function cleanFilename(raw) {
  const base = (raw || "").replace(/\\/g, "/").split("/").pop()
  const chars = Array.from(base.replace(/\p{C}/gu, "").trim())
  return chars.slice(0, MAX_FILENAME_CHARS).join("")
}

export function cleanContentType(raw) {
  const value = (raw || "").split(";", 1)[0].trim().toLowerCase()
  return CONTENT_TYPE.test(value) ? value : DEFAULT_CONTENT_TYPE
}

export function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
}

// The TipDocument (language, fields, attachments, kind, version) for a form.
export function tipDocument({ language, fields, attachments }) {
  return {
    attachments: attachments.map((a) => ({
      attachment_id: a.id,
      content_type: a.contentType,
      filename: a.filename,
      size: a.size,
    })),
    fields,
    kind: "tip",
    language,
    version: DOCUMENT_VERSION,
  }
}
