/** A zero-copy plain Uint8Array view of a BLOB (a Buffer), so every adapter hands out the same type. */
export const bytesOf = (buffer: Uint8Array): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
