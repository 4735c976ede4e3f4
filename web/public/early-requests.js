/*
 * A signed-in load asks for what its first page most often reads (/me, the tree's top level)
 * as soon as this file is in, while the app's scripts are still on their way (they take some
 * 250 ms to arrive and run); api/early-requests.ts takes the answers. Plain JavaScript, out
 * of the bundle (index.html, async); it reads the session as api/session.ts keeps it, and a
 * unit test checks that it asks exactly what the app would.
 */
(function () {
  try {
    var stored = JSON.parse(sessionStorage.getItem('rac.session') || 'null');
    if (!stored || typeof stored.token !== 'string' || !(stored.expiresAt > Date.now())) return;
    var answers = {};
    ['/api/v1/me', '/api/v1/groups/roots?limit=200'].forEach(function (url) {
      answers[url] = fetch(url, { headers: { Authorization: 'Bearer ' + stored.token } });
      // Not taken (a page that reads neither): its failure is nobody's to report.
      answers[url].catch(function () {});
    });
    window.__earlyAnswers = answers;
  } catch {
    // No session storage (a sandboxed frame): the app asks for itself.
  }
})();
