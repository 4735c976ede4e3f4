import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';

/** A SAML response is posted as a form (HTTP-POST binding); a large one is tens of kB. */
export const SAML_FORM_LIMIT = '512kb';
export const SAML_ACS_ROUTE = /^\/api\/v1\/sso\/[^/]+\/saml\/acs$/;

/** Parses the provider's form post on the ACS route only; every other route takes JSON. */
export function useSamlForms(app: NestExpressApplication): void {
  const parse = express.urlencoded({ extended: false, limit: SAML_FORM_LIMIT, parameterLimit: 10 });
  app.use(SAML_ACS_ROUTE, parse);
}
