/** What the listener knows about a request beyond the web Request itself. */
export interface ConnectionInfo {
  readonly remoteAddress?: string;
  /** Set on TLS connections: the client's certificate chain (DER, leaf first), read when asked. */
  readonly peerCertificates?: () => readonly Uint8Array[];
  /**
   * The request-target exactly as received (`IncomingMessage.url`). WHATWG URL parsing, which
   * `Request.url` went through, resolves `..` and `.` segments, so path rules need the original.
   */
  readonly target?: string;
}
