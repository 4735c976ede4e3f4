/**
 * The addresses a provider's administrator registers, from the gateway's `PUBLIC_URL`
 * (without a trailing slash): one set per organization.
 */
export function ssoUrls(publicUrl: string, organizationId: string) {
  const base = `${publicUrl}/api/v1/sso/${organizationId}`;
  return {
    oidcRedirectUri: `${base}/oidc/callback`,
    samlAcsUrl: `${base}/saml/acs`,
    /** The SP's entity ID is where its metadata is served. */
    samlEntityId: `${base}/saml/metadata`,
    samlMetadataUrl: `${base}/saml/metadata`,
  };
}
