/** The test identity provider's two pages: a login form, and the form that posts to the SP. */

function escapeHtml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

export function loginPage(samlRequest: string, relayState: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider: sign in</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/sso/login">
${hidden('SAMLRequest', samlRequest)}
${hidden('RelayState', relayState)}
<label for="username">Username</label> <input id="username" name="username" type="text" autocomplete="username" required>
<button type="submit">Sign in</button>
</form></main></body></html>`;
}

/** As real providers do: a form with the response, submitted as soon as the page loads. */
export function autoPostPage(acsUrl: string, samlResponse: string, relayState: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Signing in</title></head>
<body onload="document.forms[0].submit()">
<form method="post" action="${escapeHtml(acsUrl)}">
${hidden('SAMLResponse', samlResponse)}
${hidden('RelayState', relayState)}
<noscript><button type="submit">Continue</button></noscript>
</form></body></html>`;
}
