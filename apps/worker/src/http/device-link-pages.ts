/**
 * The pages a device link opens. Opening one (a GET: mail scanners and link previews do it too) only asks; the
 * page's button, a POST from the app's own origin, binds the browser. The pages cannot be framed, so no other
 * site can trick a click on that button, and their URL, which is the link, goes as a referrer to this origin only
 * (`no-referrer` would also blank the form's `Origin`, which the POST must carry).
 */
const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
};

/** Asks before binding; the form posts back to this very URL. */
export function confirmLinkPage(): Response {
  return new Response(
    `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Folio: sign this browser in?</title>
<h1>Sign this browser in to a Folio workspace?</h1>
<p>This link was made in Folio's Settings (“Use on another device”) on a browser signed in to a workspace. Signing
in here shows that workspace's sessions on this browser, and what you write here is saved there. Go on only if you
made the link yourself: it replaces any workspace this browser is signed in to now.</p>
<form method="post"><button type="submit">Sign this browser in</button></form>`,
    { status: 200, headers: PAGE_HEADERS },
  );
}

export function expiredLinkPage(): Response {
  return new Response(
    `<!doctype html><meta charset="utf-8"><title>Folio: link expired</title>
<p>This device link has expired or was already used. Make a new one in Folio's Settings, on the device that is
signed in, and open it within 10 minutes.</p><p><a href="/">Open Folio</a></p>`,
    { status: 410, headers: PAGE_HEADERS },
  );
}
