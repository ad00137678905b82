// tipline: seal the tip form in the source's browser before anything is sent.
//
// The intake form works without this script: it posts to /tip and the server
// seals what arrives. When this script runs, it takes over the form's submit:
// it builds the same tip document the server would, seals it and every file
// with age (typage, the age-encryption package) to the organization's
// recipients listed on the form, and posts only ciphertext to the form's
// data-seal-action address, with what the server needs in the clear: the
// CSRF token and any proof of work (every hidden input of the form), county,
// language, and per file a random id and its size. Files are sealed a
// megabyte at a time into the browser's blob storage (stream.js): the page
// never holds a whole file, and its memory does not grow with the file.
//
// If this browser lacks what sealing needs, the script leaves the form alone
// and the page keeps saying that the server seals it. Every word shown comes
// from the page (translated there); this file has no text of its own.

import * as age from "age-encryption"
import { chacha20poly1305 } from "@noble/ciphers/chacha.js"
import { copyFile, sealFile } from "./stream.js"
import { cleanContentType, cleanFilename, formText, paddedDocument, randomId, tipDocument } from "./document.js"

const TEXT_FIELDS = ["what_happened", "place", "when"]
const CHOICE_FIELDS = ["agencies", "knowledge"]

// age-encryption reaches for crypto.subtle (X25519) and fails, rather than
// falling back, where it is missing: outside a secure context (plain HTTP on
// a public name; onion services and HTTPS are secure contexts).
function supported() {
  return (
    window.isSecureContext === true &&
    typeof crypto.subtle === "object" &&
    typeof ReadableStream === "function" &&
    typeof TransformStream === "function" &&
    typeof DataTransfer === "function" &&
    typeof Blob.prototype.stream === "function" &&
    typeof crypto.getRandomValues === "function"
  )
}

function recipientsOf(form) {
  return (form.dataset.sealRecipients || "").split(/\s+/).filter(Boolean)
}

function encrypterFor(recipients) {
  const encrypter = new age.Encrypter()
  for (const recipient of recipients) encrypter.addRecipient(recipient)
  return encrypter
}

function codePoints(text) {
  return Array.from(text).length
}

// The checks the server's form would make on the fields it can no longer see.
// Returns the name of the page's message to show, or null.
export function problemWith(form, fields, files) {
  const limits = form.dataset
  // The spam trap: a person who filled it is told to empty it, as on the server path.
  const trap = form.elements.namedItem("leave_blank")
  if (trap && trap.value.trim()) {
    const field = trap.closest(".hp")
    if (field) {
      field.classList.remove("hp")
      field.removeAttribute("aria-hidden")
    }
    return "honeypot"
  }
  const text = fields.what_happened
  if (!text) return "required"
  if (codePoints(text) < Number(limits.sealMinLength)) return "short"
  if (codePoints(text) > Number(limits.sealMaxText)) return "long"
  if (codePoints(fields.place) > Number(limits.sealMaxShort)) return "long"
  if (codePoints(fields.when) > Number(limits.sealMaxShort)) return "long"
  if (files.length > Number(limits.sealMaxFiles)) return "files"
  const total = files.reduce((sum, file) => sum + file.size, 0)
  if (total > Number(limits.sealMaxBytes)) return "size"
  return null
}

function readFields(form) {
  const data = new FormData(form)
  const fields = {}
  for (const name of TEXT_FIELDS) fields[name] = formText(String(data.get(name) || ""))
  for (const name of CHOICE_FIELDS) fields[name] = data.getAll(name).map(String)
  const county = String(data.get("county") || "other")
  fields.county_fips = county === "other" ? null : county
  return { fields, county, files: data.getAll("attachments").filter((f) => f instanceof File && f.name) }
}

export async function sealForm(form, language, onProgress = () => {}) {
  const { fields, county, files } = readFields(form)
  const problem = problemWith(form, fields, files)
  if (problem) return { problem }
  const recipients = recipientsOf(form)
  const attachments = files.map((file) => ({
    id: randomId(),
    filename: cleanFilename(file.name),
    contentType: cleanContentType(file.type),
    size: file.size,
  }))
  const total = files.reduce((sum, file) => sum + file.size, 0)
  let done = 0
  const sealedFiles = []
  for (const [index, file] of files.entries()) {
    const blob = await sealFile(recipients, file, (n) => onProgress((done += n) / Math.max(total, 1)))
    sealedFiles.push(new File([blob], `file-${index + 1}.age`, { type: "application/octet-stream" }))
  }
  const document = tipDocument({ language, fields, attachments })
  const sealedDocument = await encrypterFor(recipients).encrypt(paddedDocument(document))
  return {
    county,
    attachments,
    document: new File([sealedDocument], "tip.age", { type: "application/octet-stream" }),
    files: sealedFiles,
  }
}

function hidden(name, value) {
  const input = window.document.createElement("input")
  input.type = "hidden"
  input.name = name
  input.value = value
  return input
}

function fileInput(name, files) {
  const transfer = new DataTransfer()
  for (const file of files) transfer.items.add(file)
  const input = window.document.createElement("input")
  input.type = "file"
  input.name = name
  input.multiple = true
  input.files = transfer.files
  return input
}

// A form of its own, holding only ciphertext and the clear fields, posted by
// the browser as usual: the reply (the receipt, or a refusal) is a normal page.
function post(form, sealed, language) {
  const out = window.document.createElement("form")
  out.method = "post"
  out.action = form.dataset.sealAction
  out.enctype = "multipart/form-data"
  out.acceptCharset = "utf-8"
  out.hidden = true
  for (const input of form.querySelectorAll("input[type=hidden][name]")) {
    out.append(hidden(input.name, input.value))
  }
  out.append(hidden("county", sealed.county), hidden("language", language))
  for (const attachment of sealed.attachments) {
    out.append(hidden("attachment_id", attachment.id), hidden("size", String(attachment.size)))
  }
  out.append(fileInput("document", [sealed.document]), fileInput("attachments", sealed.files))
  window.document.body.append(out)
  out.submit()
}

function show(form, selector, visible) {
  for (const element of form.ownerDocument.querySelectorAll(selector)) element.hidden = !visible
}

function showProblem(form, name) {
  const box = form.ownerDocument.querySelector("[data-seal-problem]")
  const message = form.ownerDocument.querySelector(`[data-seal-message="${name}"]`)
  if (!box || !message) return
  box.querySelector("p").textContent = message.textContent
  box.hidden = false
  box.scrollIntoView()
}

// The proof of work during a flood (static/pow.js) also takes the form's
// submit: it solves the challenge, adds a hidden "pow_solution" input and
// calls form.submit(). That call would post the form's plaintext, so while
// this script seals, form.submit() only says "the proof is ready"; the sealed
// post then carries the challenge and the solution (post() copies every
// hidden input). With no challenge on the page there is nothing to wait for.
function proofOfWork(form) {
  let done
  const solved = new Promise((resolve) => {
    done = resolve
  })
  form.submit = () => done()
  return () => {
    const asked = form.querySelector("input[name=pow_challenge]")
    const answered = form.querySelector("input[name=pow_solution]")
    return asked && !answered ? solved : Promise.resolve()
  }
}

function start(form) {
  const ready = proofOfWork(form)
  const language = form.ownerDocument.documentElement.lang || "en"
  const progress = form.ownerDocument.querySelector("[data-seal-progress] progress")
  const button = form.querySelector("button[type=submit]")
  let busy = false
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    if (busy) return
    busy = true
    button.disabled = true
    show(form, "[data-seal-problem]", false)
    show(form, "[data-seal-progress]", true)
    try {
      const sealed = await sealForm(form, language, (fraction) => {
        if (progress) progress.value = fraction
      })
      if (sealed.problem) {
        showProblem(form, sealed.problem)
      } else {
        await ready()
        post(form, sealed, language)
        return
      }
    } catch (error) {
      // Nothing was sent. Say so; never fall back to sending the words.
      showProblem(form, "failed")
    }
    show(form, "[data-seal-progress]", false)
    button.disabled = false
    busy = false
  })
  form.dataset.sealing = "browser"
  show(form, "[data-seal-path=server]", false)
  show(form, "[data-seal-path=browser]", true)
}

const form = window.document.querySelector("form[data-seal-recipients]")
if (form && supported() && recipientsOf(form).length > 0) {
  try {
    encrypterFor(recipientsOf(form)) // the recipients must parse, or the server seals
    start(form)
  } catch (error) {
    // Leave the form to the server path, which the page already describes.
  }
}

// For tests, auditors and bench/browser_seal.py: the exact library this file
// carries, the file path without the cryptography (copyFile), and the AEAD that age's STREAM runs on every 64 KiB chunk (the same
// function typage imports: one copy of noble's ciphers in the bundle), so the
// benchmark can measure the cryptography's floor apart from the sealing path.
window.tiplineSeal = { age, chacha20poly1305, copyFile, sealForm, sealFile, paddedDocument, tipDocument }
