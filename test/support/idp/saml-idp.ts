import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import * as samlify from 'samlify';
import { commentInsideNameId, wrapSignature } from './saml-hostile';
import { type SigningKey, newSigningKey } from './saml-keys';
import { autoPostPage, loginPage } from './saml-pages';

/**
 * A SAML 2.0 identity provider for the tests, made with samlify, with its own key: metadata
 * at /metadata, a login page at /sso (HTTP-Redirect binding) that posts a signed response
 * to the SP's ACS, and `respond`, which builds a response with hostile overrides.
 */

// The SP's requests come from our own code; schema validation is not what these tests test.
samlify.setSchemaValidator({ validate: () => Promise.resolve('skipped') });

const { binding } = samlify.Constants.namespace;
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

type LoginRequestInfo = Parameters<samlify.IdentityProviderInstance['createLoginResponse']>[1];

export interface ResponseOverrides {
  assertionId?: string;
  inResponseTo?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  audience?: string;
  destination?: string;
  attributes?: Record<string, string>;
  /** Sign the response only, over an unsigned assertion. */
  unsignedAssertion?: boolean;
  /** Sign with a key the metadata does not hold. */
  otherKey?: boolean;
  /** Put `<!---->` inside the NameID at this index, after signing. */
  commentInNameIdAt?: number;
  /** Wrap the signature: the signed assertion moved, an unsigned one naming this user read instead. */
  wrappedFor?: string;
}

export interface CraftedResponse {
  acsUrl: string;
  samlResponse: string;
  relayState: string;
  assertionId: string;
}

interface ParsedRequest {
  id: string;
  issuer: string;
  samlRequest: string;
  relayState: string;
}

export class SamlTestIdp {
  private server?: Server;
  private idp!: samlify.IdentityProviderInstance;
  private otherIdp!: samlify.IdentityProviderInstance;
  private readonly sps = new Map<string, { entityId: string; acsUrl: string }>();
  private readonly attributesOf = new Map<string, Record<string, string>>();
  baseUrl = '';
  readonly entityId = `urn:test:saml-idp:${randomUUID()}`;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const [key, otherKey] = await Promise.all([
      newSigningKey('saml-idp.test'),
      newSigningKey('saml-idp.test'),
    ]);
    this.idp = this.identityProvider(key);
    this.otherIdp = this.identityProvider(otherKey);
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  get metadataUrl(): string {
    return `${this.baseUrl}/metadata`;
  }

  get metadataXml(): string {
    return this.idp.getMetadata();
  }

  /** Registers a service provider by its metadata, as the provider's administrator does. */
  trust(spMetadataXml: string): void {
    const sp = samlify.ServiceProvider({ metadata: spMetadataXml });
    const acsUrl = sp.entityMeta.getAssertionConsumerService('post');
    this.sps.set(sp.entityMeta.getEntityID(), {
      entityId: sp.entityMeta.getEntityID(),
      acsUrl: Array.isArray(acsUrl) ? acsUrl[0] : acsUrl,
    });
  }

  /** The attributes the assertion carries for this user, beside the NameID. */
  setAttributes(username: string, attributes: Record<string, string>): void {
    this.attributesOf.set(username, attributes);
  }

  /** Reads the request of a redirect URL the SP gave (`SAMLRequest`, `RelayState`). */
  readRequest(redirectUrl: string): ParsedRequest {
    const url = new URL(redirectUrl);
    const samlRequest = url.searchParams.get('SAMLRequest') ?? '';
    const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
    const request = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
    const issuer = request.getElementsByTagNameNS(
      'urn:oasis:names:tc:SAML:2.0:assertion',
      'Issuer',
    )[0];
    return {
      id: request.getAttribute('ID') ?? '',
      issuer: issuer?.textContent ?? '',
      samlRequest,
      relayState: url.searchParams.get('RelayState') ?? '',
    };
  }

  /** A signed response to the request of `redirectUrl` naming `nameId`, with overrides. */
  async respond(
    redirectUrl: string,
    nameId: string,
    overrides: ResponseOverrides = {},
  ): Promise<CraftedResponse> {
    return this.respondTo(this.readRequest(redirectUrl), nameId, overrides);
  }

  private async respondTo(
    request: ParsedRequest,
    nameId: string,
    overrides: ResponseOverrides,
  ): Promise<CraftedResponse> {
    const known = this.sps.get(request.issuer);
    if (!known) throw new Error(`unknown service provider ${request.issuer}`);
    const sp = samlify.ServiceProvider({
      entityID: known.entityId,
      assertionConsumerService: [{ Binding: binding.post, Location: known.acsUrl }],
      wantAssertionsSigned: !overrides.unsignedAssertion,
      wantMessageSigned: Boolean(overrides.unsignedAssertion),
    });
    const idp = overrides.otherKey ? this.otherIdp : this.idp;
    const requestInfo = await idp.parseLoginRequest(sp, 'redirect', {
      query: { SAMLRequest: request.samlRequest, RelayState: request.relayState },
    });
    const now = new Date();
    const assertionId = overrides.assertionId ?? `_${randomUUID()}`;
    const notOnOrAfter = (
      overrides.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)
    ).toISOString();
    const values = {
      ID: `_${randomUUID()}`,
      AssertionID: assertionId,
      Destination: overrides.destination ?? known.acsUrl,
      Audience: overrides.audience ?? known.entityId,
      SubjectRecipient: known.acsUrl,
      Issuer: this.entityId,
      IssueInstant: now.toISOString(),
      StatusCode: samlify.Constants.StatusCode.Success,
      ConditionsNotBefore: (overrides.notBefore ?? now).toISOString(),
      ConditionsNotOnOrAfter: notOnOrAfter,
      SubjectConfirmationDataNotOnOrAfter: notOnOrAfter,
      NameIDFormat: UNSPECIFIED,
      NameID: nameId,
      InResponseTo: overrides.inResponseTo ?? request.id,
      AuthnStatement: '',
    };
    const attributes = overrides.attributes ?? this.attributesOf.get(nameId) ?? {};
    const made = await idp.createLoginResponse(
      sp,
      requestInfo as unknown as LoginRequestInfo,
      'post',
      { email: nameId },
      {
        relayState: request.relayState,
        customTagReplacement: (template: string) => ({
          id: values.ID,
          context: samlify.SamlLib.replaceTagsByValue(template, { ...values }).replace(
            '{AttributeStatement}',
            attributeStatement(attributes),
          ),
        }),
      },
    );
    let xml = Buffer.from(made.context, 'base64').toString('utf8');
    if (overrides.commentInNameIdAt !== undefined)
      xml = commentInsideNameId(xml, overrides.commentInNameIdAt);
    if (overrides.wrappedFor !== undefined) xml = wrapSignature(xml, overrides.wrappedFor);
    return {
      acsUrl: known.acsUrl,
      samlResponse: Buffer.from(xml, 'utf8').toString('base64'),
      relayState: request.relayState,
      assertionId,
    };
  }

  private identityProvider(key: SigningKey): samlify.IdentityProviderInstance {
    return samlify.IdentityProvider({
      entityID: this.entityId,
      privateKey: key.privateKey,
      signingCert: key.certificate,
      nameIDFormat: [UNSPECIFIED],
      singleSignOnService: [{ Binding: binding.redirect, Location: `${this.baseUrl}/sso` }],
      // Never used; samlify warns without one.
      singleLogoutService: [{ Binding: binding.redirect, Location: `${this.baseUrl}/slo` }],
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const html = (body: string) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (req.method === 'GET' && url.pathname === '/metadata') {
      res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(this.metadataXml);
    } else if (req.method === 'GET' && url.pathname === '/sso') {
      const request = this.readRequest(url.href);
      html(loginPage(request.samlRequest, request.relayState));
    } else if (req.method === 'POST' && url.pathname === '/sso/login') {
      const form = new URLSearchParams(await readBody(req));
      const request = this.readRequest(
        `${this.baseUrl}/sso?${new URLSearchParams({
          SAMLRequest: form.get('SAMLRequest') ?? '',
          RelayState: form.get('RelayState') ?? '',
        })}`,
      );
      const answer = await this.respondTo(request, form.get('username') ?? '', {});
      html(autoPostPage(answer.acsUrl, answer.samlResponse, answer.relayState));
    } else {
      res.writeHead(404).end();
    }
  }
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function attributeStatement(attributes: Record<string, string>): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return '';
  const body = entries
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">` +
        `<saml:AttributeValue xsi:type="xs:string">${escapeXml(value)}</saml:AttributeValue></saml:Attribute>`,
    )
    .join('');
  return `<saml:AttributeStatement>${body}</saml:AttributeStatement>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
