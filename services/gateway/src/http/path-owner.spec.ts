import { pathOwner } from './path-owner';

const get = (path: string) => pathOwner({ method: 'GET', path });

describe('pathOwner: one rule for the Content-Security-Policy and the web app fallback', () => {
  it.each([
    '/docs',
    '/docs/',
    '/docs/index.html',
    '/docs/swagger-ui.css',
    '/docs/swagger-ui-init.js',
    '/docs/asyncapi.json',
    '/docs-json',
    '/docs-yaml',
    '/DOCS',
  ])('%s is the documentation', (path) => {
    expect(get(path)).toBe('docs');
  });

  it.each(['/api', '/api/v1/me', '/api/v1/no-such-route', '/API/v1/me', '/scim/v2/Users', '/scim'])(
    '%s is the API',
    (path) => {
      expect(get(path)).toBe('api');
    },
  );

  it.each([
    '/',
    '/docsx/anything',
    '/docs-foo',
    '/docs-json/anything',
    '/docs-jsonx',
    '/documents',
    '/apix',
    '/scimx',
    '/api-json',
    '/groups/00000000-0000-4000-8000-000000000000',
    '/favicon.svg',
  ])('%s is the web app', (path) => {
    expect(get(path)).toBe('web');
  });

  it('leaves to the API what the web app does not answer: anything but GET and HEAD', () => {
    expect(pathOwner({ method: 'HEAD', path: '/groups' })).toBe('web');
    expect(pathOwner({ method: 'POST', path: '/no-such-route' })).toBe('api');
    expect(pathOwner({ method: 'DELETE', path: '/' })).toBe('api');
    expect(pathOwner({ method: 'POST', path: '/docs' })).toBe('docs');
  });
});
