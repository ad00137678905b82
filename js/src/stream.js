// tipline: seal a file in the page with memory that does not grow with the file.
//
// Why not typage's own streaming encrypt (bundle 1.2.0 used it): its STREAM
// is a TransformStream, and every 64 KiB chunk that passes through the
// browser's stream queues (the file's stream, the transform, the header
// prepend) outlives V8's quick young-generation collections; it is freed only
// by a full collection, which V8 runs once about 100 MiB of such garbage has
// built up. The renderer's peak RSS then grew with the file: 183 MiB sealing
// 10 MiB, 277 MiB sealing 100 MiB (bench/browser_seal.py). Reading the file
// with slices or arrayBuffer() is worse: those buffers belong to the browser's
// own heap and wait for the same full collection.
//
// So this module moves the bytes itself, through buffers it allocates once:
// the file is read with a BYOB ("bring your own buffer") reader a megabyte at
// a time into one buffer, sealed chunk by chunk into a second one, and each
// sealed megabyte is handed to the browser's blob storage (a Blob copies its
// bytes out of the page; the browser process takes them). Nothing per chunk
// outlives the chunk, so the peak is the same for 10 MiB and 100 MiB.
//
// The cryptography stays typage's and noble's. typage writes the age header
// (the recipients' stanzas and the header MAC) exactly as for any file: it
// seals an empty payload, and a recipient of ours that adds no stanza is
// handed the file key through typage's public Recipient interface. The
// payload key is age's HKDF-SHA-256 of that file key and the header's nonce,
// and the payload is age's STREAM: noble's ChaCha20-Poly1305 over 64 KiB
// chunks, nonce = 11-byte big-endian chunk counter || last-chunk flag
// (age spec, "Payload"). Before any byte of the file is sealed, the key is
// proven right: sealing typage's empty payload with it must give typage's
// own 16 bytes, or sealing stops (the page then says it failed; nothing is
// sent).
import * as age from "age-encryption"
import { chacha20poly1305 } from "@noble/ciphers/chacha.js"
import { hkdf } from "@noble/hashes/hkdf.js"
import { sha256 } from "@noble/hashes/sha2.js"

const CHUNK = 64 * 1024 // age's STREAM chunk
const TAG = 16 // Poly1305 tag per chunk
const NONCE = 16 // the header's payload nonce
const BATCH = 16 * CHUNK // read, sealed and stored a megabyte at a time
const PAYLOAD = new TextEncoder().encode("payload")

function sameBytes(a, b) {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}

// The STREAM nonce of chunk `index`: counter big-endian in bytes 0..10, flag in 11.
function streamNonce(nonce, index, last) {
  let n = index
  for (let i = 10; i >= 0; i--) {
    nonce[i] = n % 256
    n = Math.floor(n / 256)
  }
  nonce[11] = last ? 1 : 0
  return nonce
}

// typage's header for these recipients, and the payload key that goes with it.
export async function headerAndKey(recipients) {
  let fileKey = null
  const encrypter = new age.Encrypter()
  for (const recipient of recipients) encrypter.addRecipient(recipient)
  encrypter.addRecipient({
    wrapFileKey(key) {
      fileKey = Uint8Array.from(key)
      return [] // no stanza: the header names only the organization's recipients
    },
  })
  const empty = await encrypter.encrypt(new Uint8Array(0))
  if (fileKey === null) throw new Error("typage did not hand over the file key")
  const end = empty.length - TAG - NONCE
  const header = empty.slice(0, end)
  const nonce = empty.slice(end, end + NONCE)
  const key = hkdf(sha256, fileKey, nonce, PAYLOAD, 32)
  fileKey.fill(0)
  const check = chacha20poly1305(key, streamNonce(new Uint8Array(12), 0, true)).encrypt(new Uint8Array(0))
  if (!sameBytes(check, empty.subarray(end + NONCE))) throw new Error("the payload key does not match typage's")
  return { prefix: new Blob([header, nonce]), key }
}

// A reader that fills a caller's buffer: BYOB where the browser offers it for
// files (no buffer per read), otherwise the default reader's chunks copied in.
function fileReader(file) {
  const stream = file.stream()
  let byob = null
  try {
    byob = stream.getReader({ mode: "byob" })
  } catch (error) {
    byob = null
  }
  if (byob) {
    return async (buffer) => {
      let filled = 0
      while (filled < buffer.length) {
        const { done, value } = await byob.read(buffer.subarray(filled))
        // The read hands the memory back in a new view (the old one is detached).
        buffer = new Uint8Array(value ? value.buffer : buffer.buffer)
        if (done) break
        filled += value.length
      }
      return { buffer, filled }
    }
  }
  const reader = stream.getReader()
  let rest = new Uint8Array(0)
  return async (buffer) => {
    let filled = 0
    while (filled < buffer.length) {
      if (rest.length === 0) {
        const { done, value } = await reader.read()
        if (done) break
        rest = value
      }
      const n = Math.min(rest.length, buffer.length - filled)
      buffer.set(rest.subarray(0, n), filled)
      rest = rest.subarray(n)
      filled += n
    }
    return { buffer, filled }
  }
}

// Read `file` a megabyte at a time; `transform(batch, out, firstChunk)` turns
// each batch into bytes in `out` and says how many; those go to blob storage.
// Returns the Blob parts. The file must give exactly file.size bytes: the
// sealed sizes the server checks come from it.
export async function spill(file, outSize, transform, onBytes = () => {}) {
  const read = fileReader(file)
  const out = new Uint8Array(outSize)
  const parts = []
  let buffer = new Uint8Array(BATCH)
  let done = 0
  for (;;) {
    const batch = await read(buffer)
    buffer = batch.buffer
    if (done + batch.filled > file.size) throw new Error("the file grew while it was read")
    const n = transform(buffer.subarray(0, batch.filled), out, done / CHUNK)
    if (n > 0) parts.push(new Blob([out.subarray(0, n)]))
    done += batch.filled
    onBytes(batch.filled)
    if (batch.filled < BATCH) break
  }
  if (done !== file.size) throw new Error("the file changed while it was read")
  return parts
}

// Seal `file` (a File or Blob) to `recipients` as one age file, in a Blob.
export async function sealFile(recipients, file, onBytes = () => {}) {
  const { prefix, key } = await headerAndKey(recipients)
  const chunks = Math.max(1, Math.ceil(file.size / CHUNK))
  const nonce = new Uint8Array(12)
  const seal = (batch, out, first) => {
    if (file.size === 0) {
      // An empty file is one empty final chunk (the only chunk that may be empty).
      chacha20poly1305(key, streamNonce(nonce, 0, true)).encrypt(batch, out.subarray(0, TAG))
      return TAG
    }
    let written = 0
    for (let at = 0; at < batch.length; at += CHUNK) {
      const index = first + at / CHUNK
      const plain = batch.subarray(at, at + CHUNK)
      const aead = chacha20poly1305(key, streamNonce(nonce, index, index === chunks - 1))
      aead.encrypt(plain, out.subarray(written, written + plain.length + TAG))
      written += plain.length + TAG
    }
    return written
  }
  const parts = await spill(file, BATCH + (BATCH / CHUNK) * TAG, seal, onBytes)
  key.fill(0)
  return new Blob([prefix, ...parts], { type: "application/octet-stream" })
}

// The same path without the cryptography: what moving the bytes costs the
// browser (bench/browser_seal.py measures it apart).
export async function copyFile(file) {
  const copy = (batch, out) => {
    out.set(batch)
    return batch.length
  }
  return new Blob(await spill(file, BATCH, copy), { type: "application/octet-stream" })
}
