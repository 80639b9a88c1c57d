// Typed arrays travel inside JSON model states as base64 of their little-endian bytes.
function toBase64(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("base64");
}

function bytes(b64: string): Uint8Array {
  const buf = Buffer.from(b64, "base64");
  // Copy so the typed array is aligned and owns its memory.
  const out = new Uint8Array(buf.length);
  out.set(buf);
  return out;
}

export const encodeF64 = (a: Float64Array) => toBase64(a);
export const encodeF32 = (a: Float32Array) => toBase64(a);
export const encodeI32 = (a: Int32Array) => toBase64(a);
export const decodeF64 = (s: string) => new Float64Array(bytes(s).buffer);
export const decodeF32 = (s: string) => new Float32Array(bytes(s).buffer);
export const decodeI32 = (s: string) => new Int32Array(bytes(s).buffer);
