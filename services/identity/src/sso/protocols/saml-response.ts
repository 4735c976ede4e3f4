import { DOMParser } from '@xmldom/xmldom';
import * as xpath from 'xpath';
import { type SsoFailureReason, SsoError } from './sso-protocol';

/**
 * Reads of a posted SAML response beside node-saml's validation: the Response's Destination
 * (which node-saml does not check), comments inside an assertion, and, once node-saml has
 * refused a response, the most precise reason for the refusal. Nothing here trusts what it
 * reads: a response is accepted only by node-saml's verdict on the signed assertion.
 */

const select = xpath.useNamespaces({
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
});

export type ResponseDocument = Document;

export function parseResponse(samlResponse: string): ResponseDocument {
  const fail = () => {
    throw new SsoError('token-invalid', 'The SAML response is not well-formed XML');
  };
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  if (/<!DOCTYPE/i.test(xml)) {
    throw new SsoError('token-invalid', 'The SAML response carries a DOCTYPE');
  }
  const doc = new DOMParser({
    errorHandler: { warning: () => undefined, error: fail, fatalError: fail },
  }).parseFromString(xml, 'text/xml');
  if (!doc?.documentElement) fail();
  return doc;
}

function strings(expression: string, context: Node): string[] {
  const found = select(expression, context);
  return Array.isArray(found) ? found.map((node) => node.nodeValue ?? '') : [];
}

export function destinationOf(doc: ResponseDocument): string | undefined {
  return strings('/samlp:Response/@Destination', doc)[0];
}

/**
 * A comment inside an assertion has no honest use, and it is how a NameID is cut short for a
 * reader that stops at the first text node (CVE-2017-11427): refused outright.
 */
export function hasCommentInAssertion(doc: ResponseDocument): boolean {
  const comments = select('//saml:Assertion//comment()', doc);
  return Array.isArray(comments) && comments.length > 0;
}

/** The Recipient of the signed assertion's bearer confirmations (node-saml does not check it). */
export function recipientsOf(assertionXml: string): string[] {
  const doc = new DOMParser().parseFromString(assertionXml, 'text/xml');
  return strings('//saml:SubjectConfirmation/saml:SubjectConfirmationData/@Recipient', doc);
}

/** Until when the signed assertion is valid: the earliest NotOnOrAfter it carries. */
export function validUntilOf(assertionXml: string): Date | undefined {
  const doc = new DOMParser().parseFromString(assertionXml, 'text/xml');
  const times = [
    ...strings('/saml:Assertion/saml:Conditions/@NotOnOrAfter', doc),
    ...strings('//saml:SubjectConfirmationData/@NotOnOrAfter', doc),
  ]
    .map((text) => new Date(text).getTime())
    .filter((time) => Number.isFinite(time));
  return times.length ? new Date(Math.min(...times)) : undefined;
}

/** No assertion anywhere carries a signature; one signed elsewhere than read is wrapping. */
function unsigned(doc: ResponseDocument): boolean {
  const signatures = select('//saml:Assertion/ds:Signature', doc);
  return !Array.isArray(signatures) || signatures.length === 0;
}

/** Why a subject confirmation was refused: its times, read (unverified) only to say why. */
function confirmationTimeReason(doc: ResponseDocument, skewMs: number): SsoFailureReason {
  const now = Date.now();
  const data =
    '/samlp:Response/saml:Assertion/saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData';
  const notBefore = strings(`${data}/@NotBefore`, doc).map((t) => new Date(t).getTime());
  const notOnOrAfter = strings(`${data}/@NotOnOrAfter`, doc).map((t) => new Date(t).getTime());
  if (notOnOrAfter.some((time) => now - skewMs >= time)) return 'expired';
  if (notBefore.some((time) => now + skewMs < time)) return 'not-yet-valid';
  return 'token-invalid';
}

const rules: [
  RegExp,
  SsoFailureReason | ((doc: ResponseDocument, skewMs: number) => SsoFailureReason),
][] = [
  [/InResponseTo/i, 'in-response-to-mismatch'],
  [/signature|signed data/i, (doc) => (unsigned(doc) ? 'unsigned' : 'signature-invalid')],
  [/expired/i, 'expired'],
  [/not yet valid/i, 'not-yet-valid'],
  [/No valid subject confirmation/i, confirmationTimeReason],
  [/audience/i, 'audience-mismatch'],
  [/SAML provider returned/i, 'provider-error'],
];

/** node-saml's refusal as an SsoError with the most precise reason it can tell. */
export function refusal(error: unknown, doc: ResponseDocument, skewMs: number): SsoError {
  if (error instanceof SsoError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const rule = rules.find(([pattern]) => pattern.test(message));
  const reason = !rule
    ? 'token-invalid'
    : typeof rule[1] === 'string'
      ? rule[1]
      : rule[1](doc, skewMs);
  return new SsoError(reason, `The SAML response was refused: ${message}`);
}
