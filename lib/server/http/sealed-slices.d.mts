export const WORKER_ROLE: string;

export function decryptA256GcmSlices(
  ciphertext: Uint8Array,
  parameters: { key: Uint8Array; iv: Uint8Array; tag: Uint8Array; aad: string },
): Generator<void, Uint8Array | null, void>;
