/**
 * Ids and secrets: random bits, base64url without padding. Session and workspace ids are 128 bits (22
 * characters), so they cannot be guessed; credential secrets are 256 bits (43 characters).
 */
import { base64url } from "jose";

const ID = /^[A-Za-z0-9_-]{22}$/;

export function newId(): string {
  return randomBase64Url(16);
}

export function isId(value: string): boolean {
  return ID.test(value);
}

export function randomBase64Url(bytes: number): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)));
}
