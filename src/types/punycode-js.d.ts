// punycode.js (the userland copy of Node's deprecated `punycode` module) ships no types.
declare module 'punycode.js' {
  const punycode: {
    /** Converts a Unicode domain to ASCII: each non-ASCII label becomes `xn--...` (RFC 3492). */
    toASCII(domain: string): string;
  };
  export default punycode;
}
