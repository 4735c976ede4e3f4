import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import * as xpath from 'xpath';
import { SsoError } from './sso-protocol';

/** What the SP needs of an identity provider's SAML metadata. */
export interface IdpMetadata {
  entityId: string;
  /** The SingleSignOnService location of the HTTP-Redirect binding. */
  ssoUrl: string;
  /** The signing certificates, base64 DER as in the metadata (no PEM armour). */
  signingCerts: string[];
}

const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const select = xpath.useNamespaces({
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
});

function invalid(message: string): SsoError {
  return new SsoError('metadata-invalid', `The identity provider's metadata: ${message}`);
}

function parse(xml: string): Document {
  // A DTD has no place in metadata, and refusing it closes entity expansion whatever the parser does.
  if (/<!DOCTYPE/i.test(xml)) throw invalid('a DOCTYPE is not accepted');
  const fail = (message: string) => {
    throw invalid(`not well-formed XML (${message.split('\n')[0]})`);
  };
  const doc = new DOMParser({
    errorHandler: { warning: () => undefined, error: fail, fatalError: fail },
  }).parseFromString(xml, 'text/xml');
  if (!doc?.documentElement) throw invalid('not XML');
  return doc;
}

function nodes(expression: string, context: Node): Node[] {
  const found = select(expression, context);
  return Array.isArray(found) ? found : [];
}

function signingCerts(idp: Node): string[] {
  // A KeyDescriptor without `use` serves both signing and encryption (saml-metadata 2.4.1.1).
  const texts = nodes(
    "md:KeyDescriptor[not(@use) or @use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate",
    idp,
  ).map((node) => (node.textContent ?? '').replace(/\s+/g, ''));
  if (texts.length === 0) throw invalid('no signing certificate (KeyDescriptor use="signing")');
  for (const text of texts) {
    try {
      new X509Certificate(Buffer.from(text, 'base64'));
    } catch {
      throw invalid('a signing certificate is not a valid X.509 certificate');
    }
  }
  return [...new Set(texts)];
}

function ssoUrl(idp: Node): string {
  const locations = nodes(`md:SingleSignOnService[@Binding='${REDIRECT_BINDING}']/@Location`, idp);
  const location = locations[0]?.nodeValue ?? '';
  if (!location) throw invalid('no SingleSignOnService with the HTTP-Redirect binding');
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw invalid(`the SingleSignOnService location is not a URL: ${location}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`the SingleSignOnService location is not http(s): ${location}`);
  }
  return location;
}

/** Reads an IdP's metadata (an EntityDescriptor, or an EntitiesDescriptor holding one IdP). */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const doc = parse(xml);
  const entities = nodes('//md:EntityDescriptor[md:IDPSSODescriptor]', doc);
  if (entities.length !== 1) {
    throw invalid(
      entities.length === 0
        ? 'no EntityDescriptor with an IDPSSODescriptor'
        : 'more than one identity provider',
    );
  }
  const entity = entities[0] as Element;
  const entityId = entity.getAttribute('entityID') ?? '';
  if (!entityId) throw invalid('the EntityDescriptor has no entityID');
  const idp = nodes('md:IDPSSODescriptor', entity)[0];
  return { entityId, ssoUrl: ssoUrl(idp), signingCerts: signingCerts(idp) };
}
