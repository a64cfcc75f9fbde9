// A dot-atom local part, an @, and a domain of at least two labels. Deliberately stricter
// than RFC 5322 allows (no quoted local parts, no address literals): an automatic reply
// goes only to an address that is plainly an address, never to what a broken header left.
const mailboxPattern =
  /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?(\.[\p{L}\p{N}]([\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

/** Whether an automatic reply could be sent to this (lower-cased) address. */
export function isMailbox(address: string): boolean {
  return address.length <= 254 && mailboxPattern.test(address);
}
